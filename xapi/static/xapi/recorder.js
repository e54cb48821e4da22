// Records learning events as xAPI statements from the browser and delivers them to the LRS.
// Statements get their id on the phone, wait in IndexedDB (localStorage where that is missing)
// and are sent in batches with the session cookie and CSRF token, retried with backoff, so
// nothing is lost while offline, across reloads or after the browser restarts. The LRS treats a
// re-sent statement with the same id as already stored, so sending twice is harmless.
(function () {
  "use strict";
  var node = document.querySelector("[data-xapi]");
  if (!node || !window.fetch) return;
  var config = JSON.parse(node.getAttribute("data-xapi"));
  var DB = "lms-xapi", STORE = "queue", BATCH = 50;
  var retryDelay = 2000, timer = null, sending = false;

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // Storage: IndexedDB, or localStorage as a fallback.
  function openDb() {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) return reject(new Error("no indexedDB"));
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: "id" }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }
  function withStore(mode, fn) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode), result = fn(tx.objectStore(STORE));
        tx.oncomplete = function () { resolve(result && result.result !== undefined ? result.result : result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }
  var fallback = {
    all: function () { return JSON.parse(localStorage.getItem(DB) || "[]"); },
    save: function (items) { localStorage.setItem(DB, JSON.stringify(items)); }
  };
  function enqueue(statement) {
    return withStore("readwrite", function (s) { s.put(statement); }).catch(function () {
      var items = fallback.all(); items.push(statement); fallback.save(items);
    });
  }
  function pending() {
    return withStore("readonly", function (s) { return s.getAll(); }).catch(function () { return fallback.all(); });
  }
  function remove(ids) {
    return withStore("readwrite", function (s) { ids.forEach(function (id) { s.delete(id); }); }).catch(function () {
      fallback.save(fallback.all().filter(function (x) { return ids.indexOf(x.id) < 0; }));
    });
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }
  function send(batch) {
    return fetch(config.endpoint, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Experience-API-Version": "1.0.3", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(batch)
    });
  }
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(flush, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 5 * 60 * 1000);
  }
  function flush() {
    if (sending) return Promise.resolve();
    sending = true;
    return pending().then(function (items) {
      items.sort(function (a, b) { return a.timestamp < b.timestamp ? -1 : 1; });
      var batch = items.slice(0, BATCH);
      if (!batch.length) return;
      return send(batch).then(function (response) {
        if (response.ok) { retryDelay = 2000; return remove(batch.map(function (s) { return s.id; })).then(function () { sending = false; return flush(); }); }
        if (response.status === 400 && batch.length > 1) {
          // Isolate the statement the LRS refuses: send one at a time, drop only refused ones.
          return batch.reduce(function (p, s) {
            return p.then(function () { return send([s]).then(function (r) { if (r.ok || r.status === 400) return remove([s.id]); }); });
          }, Promise.resolve());
        }
        if (response.status === 400 || response.status === 403) return remove(batch.map(function (s) { return s.id; }));
        schedule();
      });
    }).catch(schedule).then(function () { sending = false; });
  }

  function record(verb, object, extra) {
    var statement = {
      id: uuid(), timestamp: new Date().toISOString(), verb: config.verbs[verb],
      object: { objectType: "Activity", id: object },
      context: {
        contextActivities: object === config.course ? undefined : { parent: [{ id: config.course, objectType: "Activity" }] },
        language: config.language, platform: "数字素养课堂"
      }
    };
    if (config.registration) statement.context.registration = config.registration;
    if (!statement.context.contextActivities) delete statement.context.contextActivities;
    if (extra && extra.result) statement.result = extra.result;
    if (extra && extra.extensions) statement.context.extensions = extra.extensions;
    return enqueue(statement).then(flush);
  }

  window.lmsXapi = { record: record, flush: flush, pending: pending };
  window.addEventListener("online", function () { retryDelay = 2000; flush(); });
  record("experienced", config.lesson);

  // Time on the lesson: only while the page is visible. Each "progressed" statement carries the
  // time since the previous one as result.duration, so their sum is the time spent.
  var visibleSince = document.hidden ? null : Date.now(), unreported = 0;
  function takeDuration() {
    if (visibleSince !== null) { unreported += Date.now() - visibleSince; visibleSince = document.hidden ? null : Date.now(); }
    var seconds = Math.round(unreported / 10) / 100;
    unreported = 0;
    return "PT" + seconds + "S";
  }
  function progressed(step) {
    var result = { duration: takeDuration(), extensions: { "https://w3id.org/xapi/cmi5/result/extensions/progress": step } };
    return record("progressed", config.lesson, { result: result });
  }

  // Reading progress: the cmi5 progress extension at 25, 50, 75 and 100 % of the lesson read.
  var reached = 0;
  window.addEventListener("scroll", function () {
    var doc = document.documentElement;
    var percent = Math.min(100, Math.round(100 * (window.scrollY + window.innerHeight) / doc.scrollHeight));
    var step = Math.floor(percent / 25) * 25;
    if (step > reached) {
      reached = step;
      progressed(step);
    }
  }, { passive: true });
  // Leaving or hiding the page reports the time read since the last statement (if 5 s or more).
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      if (visibleSince !== null) { unreported += Date.now() - visibleSince; visibleSince = null; }
      if (unreported >= 5000) progressed(reached);
    } else {
      visibleSince = Date.now();
    }
  });

  // Media (video, audio, narration): played, paused, seeked, completed with the video profile's
  // length, time and progress extensions.
  Array.prototype.forEach.call(document.querySelectorAll("video, audio"), function (media, index) {
    var activity = config.lesson + "/media/" + index, seekFrom = 0;
    function ext(extra) {
      var length = isFinite(media.duration) ? Math.round(media.duration * 1000) / 1000 : 0;
      var e = {
        "https://w3id.org/xapi/video/extensions/time": Math.round(media.currentTime * 1000) / 1000,
        "https://w3id.org/xapi/video/extensions/progress": length ? Math.round(100 * media.currentTime / length) / 100 : 0
      };
      var context = { "https://w3id.org/xapi/video/extensions/length": length };
      return { result: { extensions: Object.assign(e, extra || {}) }, extensions: context };
    }
    media.addEventListener("play", function () { record("played", activity, ext()); });
    media.addEventListener("pause", function () { if (!media.ended) record("paused", activity, ext()); });
    media.addEventListener("seeking", function () { seekFrom = media.currentTime; });
    media.addEventListener("seeked", function () {
      record("seeked", activity, ext({ "https://w3id.org/xapi/video/extensions/time-from": seekFrom, "https://w3id.org/xapi/video/extensions/time-to": media.currentTime }));
    });
    media.addEventListener("ended", function () { record("completed", activity, ext()); });
  });

  // "Mark as done" while offline: keep the completion in the queue instead of losing the tap.
  var doneForm = document.querySelector("form[data-mark-done]");
  if (doneForm) {
    doneForm.addEventListener("submit", function (event) {
      if (navigator.onLine) return;
      event.preventDefault();
      record("completed", config.lesson).then(function () {
        var note = document.querySelector("[data-offline-done]");
        if (note) note.hidden = false;
      });
    });
  }
})();
