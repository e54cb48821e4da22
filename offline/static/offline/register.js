// Registers the service worker (offline/static/offline/sw.js, served at /sw.js) that keeps visited pages
// and saved courses on the phone. Browsers without service workers simply skip this.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator)) return;
  var url = script.getAttribute("data-sw-url");
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(url).catch(function () { /* the site works without it */ });
  });
})();
