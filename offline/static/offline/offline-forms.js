// Forms on pages read without a network. A plain form POST with no connection leaves the app for the
// browser's own error page; instead:
// - a form marked data-offline-keep ("Mark as done", "I did it", "Join this course") is kept on the
//   phone (localStorage) and sent again, in order, as soon as a page of the site opens with a network
//   or the network comes back. The same endpoints then record it: in the session for a visitor
//   (handed over at sign-in like progress made online) or as the learner's own statement;
// - any other form (display settings, sign out, "Try again") says plainly that nothing was sent.
// Scripts that deal with a form offline themselves run first and call preventDefault: recorder.js
// (a signed-in learner's "Mark as done" goes through the statement queue) and quiz.js (answers are
// checked on the phone and kept here through window.lmsKept). The words come from this script tag's
// data-text-* attributes, translated in base.html. The service worker still answers a form sent with
// the network gone but the phone unaware of it (navigator.onLine true) with the offline page.
(function () {
  "use strict";
  var script = document.currentScript;
  var KEY = "lms-kept-forms";
  var MAX_TRIES = 5;
  var sending = false;

  function text(name) {
    return (script && script.getAttribute("data-text-" + name)) || "";
  }

  function all() {
    try {
      return JSON.parse(localStorage.getItem(KEY) || "[]");
    } catch (error) {
      return [];
    }
  }

  function save(items) {
    try {
      localStorage.setItem(KEY, JSON.stringify(items));
      return true;
    } catch (error) {
      return false; // storage full or blocked
    }
  }

  function id() {
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  // Keep a form's fields (without its CSRF token, which will have changed by then) to send later.
  function keep(url, fields) {
    var items = all();
    items.push({ id: id(), url: url, fields: fields, at: new Date().toISOString(), tries: 0 });
    return save(items);
  }

  function update(itemId, change) {
    var items = all();
    save(change ? items.map(function (item) { return item.id === itemId ? change(item) : item; })
      : items.filter(function (item) { return item.id !== itemId; }));
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function send(item, token) {
    var body = new URLSearchParams();
    item.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
    return fetch(item.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "X-Requested-With": "fetch", "Accept": "application/json" }
    });
  }

  // Send the kept forms one by one, oldest first. Accepted or refused for good (a 4xx: the lesson is
  // gone, the answers no longer fit the quiz): forgotten. A server error is tried again a few times;
  // no network: everything waits for the next chance.
  function flush() {
    if (sending || navigator.onLine === false || !window.fetch) return Promise.resolve();
    var item = all()[0];
    var token = csrfToken();
    if (!item || !token) return Promise.resolve(); // no token yet: the next page with a form sets it
    sending = true;
    return send(item, token).then(function (response) {
      if (response.ok || (response.status >= 400 && response.status < 500 && response.status !== 403)) {
        update(item.id, null);
      } else {
        update(item.id, function (kept) { kept.tries += 1; return kept; });
        if (item.tries + 1 >= MAX_TRIES) update(item.id, null);
        throw new Error("not accepted: " + response.status);
      }
      sending = false;
      return flush();
    }).catch(function () { sending = false; });
  }

  function fieldsOf(form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    var fields = [];
    data.forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && typeof value === "string") fields.push([name, value]);
    });
    return fields;
  }

  // The note under the form: the element named by data-offline-note, or one made here.
  function say(form, message) {
    var selector = form.getAttribute("data-offline-note");
    var note = selector ? document.querySelector(selector) : null;
    if (!note) {
      note = form.nextElementSibling && form.nextElementSibling.hasAttribute("data-offline-said") ? form.nextElementSibling : null;
    }
    if (!note) {
      note = document.createElement("p");
      note.className = "message";
      note.setAttribute("role", "status");
      note.setAttribute("data-offline-said", "");
      form.parentNode.insertBefore(note, form.nextSibling);
    }
    if (message) note.textContent = message;
    note.hidden = false;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || navigator.onLine !== false) return;
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post") return;
    event.preventDefault();
    if (form.hasAttribute("data-offline-keep") && keep(form.action, fieldsOf(form, event.submitter))) {
      var button = form.querySelector("button[type=submit], button:not([type])");
      if (button) button.disabled = true; // kept once; pressing again would keep it twice
      say(form, form.getAttribute("data-offline-note") ? "" : text("kept"));
    } else {
      say(form, text("not-sent"));
    }
  });

  window.lmsKept = { keep: keep, pending: all, flush: flush };
  window.addEventListener("online", flush);
  flush();
})();
