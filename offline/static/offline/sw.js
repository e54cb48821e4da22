// Service worker: keeps the app shell, recently visited pages and saved courses on the phone, so lessons
// open on a slow or broken network. offline/views.py serves this file at /sw.js and fills in CONFIG
// (static URLs, which may be hashed; language prefixes; limits).
"use strict";

var CONFIG = __OFFLINE_CONFIG__;
var SHELL_CACHE = "shell-" + CONFIG.version;
var STATIC_CACHE = "static-" + CONFIG.version;
var PAGES_CACHE = "pages";
var MEDIA_CACHE = "media";
var COURSE_PREFIX = "course-"; // written by save-course.js, one cache per saved course
var MATCH = { ignoreVary: true }; // Django varies on Cookie and Accept-Language; the phone has one reader

function noop() {}

function startsWithAny(path, prefixes) {
  return prefixes.some(function (prefix) { return path.indexOf(prefix) === 0; });
}

function fromCaches(url) {
  // Searches every cache: shell, recent pages, media and each saved course.
  return caches.match(url, MATCH);
}

function trim(cache, limit) {
  return cache.keys().then(function (keys) {
    // Keys come back oldest first.
    return Promise.all(keys.slice(0, Math.max(0, keys.length - limit)).map(function (key) {
      return cache.delete(key);
    }));
  });
}

function storable(response) {
  var control = response.headers.get("Cache-Control") || "";
  return response.ok && response.status === 200 && response.type === "basic" && control.indexOf("no-store") < 0;
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL_CACHE)
      .then(function (cache) {
        // "reload": in development static URLs are not hashed, so skip the HTTP cache.
        return cache.addAll(CONFIG.shell.map(function (url) { return new Request(url, { cache: "reload" }); }));
      })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys()
      .then(function (names) {
        return Promise.all(names.filter(function (name) {
          var ours = name.indexOf("shell-") === 0 || name.indexOf("static-") === 0;
          return ours && name !== SHELL_CACHE && name !== STATIC_CACHE;
        }).map(function (name) { return caches.delete(name); }));
      })
      .then(function () { return self.clients.claim(); })
  );
});

function offlinePage(path, formNotSent) {
  var language = CONFIG.languages.filter(function (row) { return path.indexOf(row.prefix) === 0; })[0];
  var row = language || CONFIG.languages[CONFIG.languages.length - 1];
  return fromCaches(formNotSent ? row.formOfflineUrl : row.offlineUrl).then(function (response) {
    return response || (formNotSent ? fromCaches(row.offlineUrl) : null);
  }).then(function (response) { return response || Response.error(); });
}

function rememberPage(url, response) {
  // Read the body once: the same page goes to the recent pages and to any saved course that holds it.
  return response.arrayBuffer().then(function (body) {
    var init = { status: response.status, statusText: response.statusText, headers: response.headers };
    return caches.open(PAGES_CACHE)
      .then(function (cache) {
        return cache.delete(url).then(function () { return cache.put(url, new Response(body, init)); })
          .then(function () { return trim(cache, CONFIG.recentPagesLimit); });
      })
      .then(function () { return caches.keys(); })
      .then(function (names) {
        return Promise.all(names.filter(function (name) { return name.indexOf(COURSE_PREFIX) === 0; }).map(function (name) {
          return caches.open(name).then(function (cache) {
            return cache.match(url, MATCH).then(function (old) {
              if (old) return cache.put(url, new Response(body, init));
            });
          });
        }));
      });
  });
}

// Pages: network first, so learners see today's lesson and progress; the phone's copy when the network
// fails or is too slow; the offline page when there is no copy.
function pageResponse(event, request, path) {
  var stored = Promise.resolve();
  var network = fetch(request).then(function (response) {
    var type = response.headers.get("Content-Type") || "";
    if (storable(response) && type.indexOf("text/html") === 0) {
      stored = rememberPage(request.url, response.clone()).catch(noop);
    }
    return response;
  });
  event.waitUntil(network.then(function () { return stored; }, noop));
  return new Promise(function (resolve) {
    var settled = false;
    function finish(response) {
      if (response && !settled) {
        settled = true;
        resolve(response);
      }
    }
    var timer = setTimeout(function () { fromCaches(request.url).then(finish, noop); }, CONFIG.networkTimeoutMs);
    network.then(
      function (response) {
        clearTimeout(timer);
        finish(response);
      },
      function () {
        clearTimeout(timer);
        fromCaches(request.url)
          .then(function (cached) { return cached || offlinePage(path); })
          .then(finish, function () { finish(Response.error()); });
      }
    );
  });
}

// Video and audio players ask for byte ranges; a stored file answers them with a slice.
function rangeOf(request, response) {
  var match = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get("Range") || "");
  if (!match) return Promise.resolve(response);
  return response.blob().then(function (blob) {
    var size = blob.size;
    var start = match[1] === "" ? Math.max(0, size - Number(match[2])) : Number(match[1]);
    var end = match[1] === "" || match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
    if (start >= size || start > end) {
      return new Response("", { status: 416, headers: { "Content-Range": "bytes */" + size } });
    }
    var headers = new Headers(response.headers);
    headers.set("Content-Range", "bytes " + start + "-" + end + "/" + size);
    headers.set("Content-Length", String(end - start + 1));
    return new Response(blob.slice(start, end + 1), { status: 206, statusText: "Partial Content", headers: headers });
  });
}

function unhashed(path) {
  // site.0123456789ab.css -> site.css (Django's ManifestStaticFilesStorage adds 12 hex digits).
  return path.replace(/\.[0-9a-f]{12}(\.[A-Za-z0-9]+)$/, "$1");
}

function rememberFile(path, url, response) {
  var isStatic = path.indexOf(CONFIG.staticUrl) === 0;
  var type = response.headers.get("Content-Type") || "";
  // Recordings and videos are large: they are stored only when a learner saves their course.
  if (!isStatic && (type.indexOf("video/") === 0 || type.indexOf("audio/") === 0)) return Promise.resolve();
  return caches.open(isStatic ? STATIC_CACHE : MEDIA_CACHE).then(function (cache) {
    return cache.put(url, response).then(function () {
      if (!isStatic) return trim(cache, CONFIG.recentMediaLimit);
    });
  });
}

// Static files and media: the phone's copy first, as their URLs change when their content does. Static
// files without a hash in their name (development) are fetched first and stored for offline use.
function fileResponse(event, request, path) {
  var isStatic = path.indexOf(CONFIG.staticUrl) === 0;
  var lookup = isStatic && unhashed(path) === path ? Promise.resolve(null) : fromCaches(request.url);
  return lookup.then(function (cached) {
    if (cached) return rangeOf(request, cached);
    return fetch(request).then(
      function (response) {
        if (storable(response) && !request.headers.has("Range")) {
          event.waitUntil(rememberFile(path, request.url, response.clone()).catch(noop));
        }
        return response;
      },
      function (error) {
        return fromCaches(request.url).then(function (stored) {
          if (stored) return rangeOf(request, stored);
          return currentVersionOf(path, error);
        });
      }
    );
  });
}

function currentVersionOf(path, error) {
  // A page stored before a new release asks for the old hashed stylesheet: give it the new one.
  var wanted = unhashed(path);
  var current = CONFIG.shell.filter(function (url) { return unhashed(url) === wanted; })[0];
  if (!current) return Promise.reject(error);
  return fromCaches(current).then(function (response) {
    if (!response) throw error;
    return response;
  });
}

// The first page a learner opens registers this worker, so the worker did not see it load: the page
// posts its address and the files it used once the worker is active (register.js), to keep them too.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "remember-page" || typeof data.url !== "string") return;
  var url = new URL(data.url, self.location.href);
  if (url.origin !== self.location.origin || startsWithAny(url.pathname, CONFIG.neverCache)) return;
  var page = fetch(url.href, { credentials: "same-origin" }).then(function (response) {
    var type = response.headers.get("Content-Type") || "";
    if (storable(response) && !response.redirected && type.indexOf("text/html") === 0) return rememberPage(url.href, response);
  });
  var files = (Array.isArray(data.files) ? data.files : []).slice(0, 100).map(function (raw) {
    var file = new URL(raw, self.location.href);
    if (file.origin !== self.location.origin || !startsWithAny(file.pathname, [CONFIG.staticUrl, CONFIG.mediaUrl])) return null;
    return fromCaches(file.href).then(function (cached) {
      if (cached) return null;
      return fetch(file.href).then(function (response) {
        if (storable(response)) return rememberFile(file.pathname, file.href, response);
      });
    });
  });
  event.waitUntil(Promise.all([page].concat(files)).catch(noop));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    // Forms and other POSTs go straight to the network. Signing out forgets the pages seen while signed
    // in (they show the learner's progress); saved courses stay, as the learner chose to keep them.
    if (CONFIG.signOutUrls.indexOf(url.pathname) >= 0) event.waitUntil(caches.delete(PAGES_CACHE));
    // A form sent with no network (offline-forms.js keeps forms only when the phone knows it is
    // offline): the offline page saying nothing was sent, never the browser's error page.
    if (request.mode === "navigate") {
      event.respondWith(fetch(request).catch(function () { return offlinePage(url.pathname, true); }));
    }
    return;
  }
  if (request.cache === "only-if-cached" && request.mode !== "same-origin") return;
  var path = url.pathname;
  if (startsWithAny(path, CONFIG.neverCache)) {
    // Admin and account pages are never stored; with no network, say so in plain words.
    if (request.mode === "navigate") {
      event.respondWith(fetch(request).catch(function () { return offlinePage(path); }));
    }
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(pageResponse(event, request, path));
  } else if (startsWithAny(path, [CONFIG.staticUrl, CONFIG.mediaUrl])) {
    event.respondWith(fileResponse(event, request, path));
  } else {
    event.respondWith(fetch(request).catch(function () {
      return fromCaches(request.url).then(function (cached) { return cached || Response.error(); });
    }));
  }
});
