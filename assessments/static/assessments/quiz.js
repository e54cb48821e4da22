// Quizzes work as plain forms. This adds: instant feedback in lesson quizzes (fetch to the same
// server endpoint, which marks the answer), up/down buttons for putting steps in order, a marker
// where a picture was tapped, and saving a final test's answers as they are given.
(function () {
  "use strict";
  // The words shown come from the templates (translated there), in data attributes beside where they go.
  // Placeholders are named in braces: "You got {right} of {total} right."
  function words(el, name, values) {
    var text = (el && el.getAttribute("data-" + name)) || "";
    return text.replace(/\{(\w+)\}/g, function (whole, key) {
      return values && Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function post(form, data) {
    // Not form.action: a final test's submit buttons are named "action", which shadows the property
    // (the request went to ".../[object RadioNodeList]" and nothing was saved).
    return fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
    }).then(function (response) { return response.json(); });
  }

  // Steps in order: up/down buttons move the step and renumber the place selects.
  function renumber(list) {
    var items = list.querySelectorAll("li[data-item]");
    items.forEach(function (li, index) {
      li.querySelector("select").value = String(index + 1);
      li.querySelector("[data-up]").disabled = index === 0;
      li.querySelector("[data-down]").disabled = index === items.length - 1;
    });
  }
  document.querySelectorAll("[data-ordering]").forEach(function (list) {
    var items = Array.prototype.slice.call(list.querySelectorAll("li[data-item]"));
    items.sort(function (a, b) { return Number(a.querySelector("select").value) - Number(b.querySelector("select").value); });
    items.forEach(function (li) {
      list.appendChild(li);
      var label = li.querySelector(".quiz-step").textContent.trim();
      var moves = document.createElement("span");
      moves.className = "quiz-moves";
      li.appendChild(moves);
      [["up", "↑", "move-up"], ["down", "↓", "move-down"]].forEach(function (spec) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "quiz-move";
        button.setAttribute("data-" + spec[0], "");
        button.setAttribute("aria-label", words(list, spec[2], { step: label }));
        button.textContent = spec[1];
        button.addEventListener("click", function () {
          var sibling = spec[0] === "up" ? li.previousElementSibling : li.nextElementSibling;
          if (!sibling) return;
          list.insertBefore(spec[0] === "up" ? li : sibling, spec[0] === "up" ? sibling : li);
          renumber(list);
          button.focus();
          list.dispatchEvent(new Event("change", { bubbles: true }));
        });
        moves.appendChild(button);
      });
      li.querySelector(".quiz-position").hidden = true;
    });
    // The instruction names the control shown: buttons now, not the place selects.
    var hint = list.parentNode.querySelector("[data-ordering-hint]");
    if (hint && hint.getAttribute("data-with-buttons")) hint.textContent = hint.getAttribute("data-with-buttons");
    renumber(list);
  });

  // Tap a spot: mark it and keep the position (in the picture's displayed pixels) in hidden fields.
  document.querySelectorAll("[data-hotspot]").forEach(function (input) {
    var box = input.parentNode;
    input.addEventListener("click", function (event) {
      event.preventDefault();
      var rect = input.getBoundingClientRect();
      var width = Number(input.getAttribute("width"));
      var height = Number(input.getAttribute("height"));
      var x = (event.clientX - rect.left) * width / rect.width;
      var y = (event.clientY - rect.top) * height / rect.height;
      box.querySelector("[data-hotspot-x]").value = x.toFixed(1);
      box.querySelector("[data-hotspot-y]").value = y.toFixed(1);
      var marker = box.querySelector("[data-hotspot-marker]");
      marker.style.left = (100 * x / width) + "%";
      marker.style.top = (100 * y / height) + "%";
      marker.hidden = false;
      var status = box.parentNode.querySelector("[data-hotspot-status]");
      if (status) status.textContent = words(status, "tapped");
      input.form.dispatchEvent(new Event("change", { bubbles: true }));
    });
  });

  // Lesson quizzes: "Check" marks one question on the server and shows the feedback in place.
  document.querySelectorAll("form[data-check-quiz]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      if (!window.fetch || !window.FormData) return;
      event.preventDefault();
      var data = new FormData(form);
      if (submitter && submitter.name === "only") data.append("only", submitter.value);
      if (submitter) submitter.disabled = true;
      post(form, data).then(function (reply) {
        if (submitter) submitter.disabled = false;
        if (reply.error) {
          var target = submitter ? form.querySelector("#question-" + submitter.value + " [data-result]") : null;
          (target || form.parentNode.querySelector("[data-summary]")).textContent = reply.error + " " + Object.values(reply.errors || {}).join(" ");
          return;
        }
        Object.keys(reply.results).forEach(function (key) {
          var fieldset = form.querySelector("#question-" + key);
          if (!fieldset) return;
          fieldset.querySelectorAll("input, select, button, .quiz-hint, .quiz-options, .quiz-order, .quiz-matches, .quiz-hotspot, .quiz-label, .quiz-check-row").forEach(function (el) {
            if (el.matches("input, select, button")) el.disabled = true;
            else el.hidden = true;
          });
          fieldset.querySelector("[data-result]").innerHTML = reply.results[key].html;
        });
        var retry = form.parentNode.querySelector("[data-retry]");
        if (retry && (reply.finished || Object.keys(reply.results).length)) retry.hidden = false;
        if (reply.finished) {
          // The round is over: it stays on show, with its score, until "Try again" starts a new one.
          var checkAll = form.querySelector("[data-check-all]");
          if (checkAll) checkAll.hidden = true;
          // The same paragraph the page shows after a reload.
          var summary = form.parentNode.querySelector("[data-summary]");
          var score = document.createElement("p");
          score.className = "quiz-score";
          score.setAttribute("data-say", "");
          score.textContent = words(summary, "score", { right: reply.right, total: reply.total });
          summary.textContent = "";
          summary.appendChild(score);
        }
      }).catch(function () {
        if (submitter) submitter.disabled = false;
        var summary = form.parentNode.querySelector("[data-summary]");
        summary.textContent = words(summary, "offline");
      });
    });
  });

  // Final test: save answers a moment after each change, so nothing is lost if the phone turns off.
  document.querySelectorAll("form[data-assessment-form]").forEach(function (form) {
    var timer = null;
    var status = form.querySelector("[data-autosave-status]");
    form.addEventListener("change", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var data = new FormData(form);
        data.append("action", "autosave");
        post(form, data).then(function (reply) {
          if (status) status.textContent = reply.error ? reply.error : words(status, "saved");
        }).catch(function () {});
      }, 1200);
    });
  });
})();
