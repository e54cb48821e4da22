// Registers the service worker (offline/static/offline/sw.js, served at /sw.js) that keeps visited pages
// and saved courses on the phone, and hands it the first page, which it could not see load. Browsers
// without service workers simply skip this.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator)) return;
  var url = script.getAttribute("data-sw-url");
  window.addEventListener("load", function () {
    // No worker controls this page yet: it is the first one opened. Once the worker is active, ask it to
    // keep this page and its pictures too, since the offline page promises the pages visited.
    var first = !navigator.serviceWorker.controller;
    navigator.serviceWorker.register(url).then(function () {
      if (!first) return null;
      return navigator.serviceWorker.ready.then(function (registration) {
        var files = (window.performance && performance.getEntriesByType ? performance.getEntriesByType("resource") : [])
          .map(function (entry) { return entry.name; });
        registration.active.postMessage({ type: "remember-page", url: location.href, files: files });
      });
    }).catch(function () { /* the site works without it */ });
  });
})();
