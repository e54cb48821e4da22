// "Save this course for offline": stores the course page, its lessons and their pictures, recordings and
// captions in a cache named course-<page id>, which the service worker answers from when the network is
// gone. The block stays hidden where this cannot work (no JavaScript, no service worker or Cache API).
// Every word shown comes from the block's data-text-* attributes, translated by the template.
(function () {
  "use strict";
  var box = document.querySelector(".offline-save[data-files-url]");
  if (!box || !("serviceWorker" in navigator) || !window.caches || !window.fetch) return;

  var filesUrl = box.getAttribute("data-files-url");
  var cacheName = "course-" + box.getAttribute("data-course-id");
  var aboutUrl = filesUrl + "?saved"; // when and what was saved; read by offline-page.js too
  var saveButton = box.querySelector("[data-offline-save]");
  var removeButton = box.querySelector("[data-offline-remove]");
  var statusLine = box.querySelector("[data-offline-status]");
  var bar = box.querySelector("[data-offline-progress]");
  var PARALLEL = 2; // gentle on a slow mobile connection
  var MB = 1024 * 1024;

  function text(name, values) {
    var result = box.getAttribute("data-text-" + name) || "";
    Object.keys(values || {}).forEach(function (key) {
      result = result.split("{" + key + "}").join(String(values[key]));
    });
    return result;
  }

  function bytesOf(files) {
    return files.reduce(function (sum, file) { return sum + file.bytes; }, 0);
  }

  function megabytes(bytes) {
    return (Math.max(bytes, 0) / MB).toFixed(1);
  }

  function show(state, message) {
    box.setAttribute("data-state", state);
    statusLine.textContent = message || "";
    var busy = state === "saving" || state === "removing";
    saveButton.disabled = busy;
    removeButton.disabled = busy;
    saveButton.textContent = text(state === "saved" ? "update" : "save");
    removeButton.hidden = state === "idle" || state === "saving";
    bar.hidden = state !== "saving";
  }

  function savedOn(iso) {
    var date = new Date(iso);
    var lang = document.documentElement.lang || undefined;
    try {
      return date.toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric" });
    } catch (error) {
      return date.toDateString();
    }
  }

  function refresh() {
    return caches.has(cacheName).then(function (exists) {
      if (!exists) return show("idle");
      return caches.open(cacheName).then(function (cache) {
        return cache.match(aboutUrl).then(function (about) {
          if (about) {
            return about.json().then(function (data) { show("saved", text("saved", { date: savedOn(data.saved_at) })); });
          }
          return cache.keys().then(function (keys) { show(keys.length ? "partial" : "idle", keys.length ? text("partial") : ""); });
        });
      });
    });
  }

  function checkSpace(neededBytes) {
    if (!navigator.storage || !navigator.storage.estimate) return Promise.resolve();
    return navigator.storage.estimate().then(function (estimate) {
      if (!estimate.quota) return;
      var free = estimate.quota - (estimate.usage || 0);
      var needed = neededBytes * 1.1 + MB; // room for pages growing and for the browser's own overhead
      if (free < needed) {
        var error = new Error("no space");
        error.noSpace = { needed: megabytes(neededBytes), free: megabytes(free) };
        throw error;
      }
    });
  }

  // Which of a <picture>'s sources this browser uses, found the way it picks one: by image type.
  // Resolves to the index of the chosen source, types.length for the <img>, or null when unsure.
  function pickedChoice(types) {
    return new Promise(function (resolve) {
      var picture = document.createElement("picture");
      types.forEach(function (type, index) {
        var source = document.createElement("source");
        source.type = type;
        source.srcset = "data:,choice" + index;
        picture.appendChild(source);
      });
      var image = document.createElement("img");
      var timer = setTimeout(function () { resolve(null); }, 2000);
      image.onload = image.onerror = function () {
        clearTimeout(timer);
        var match = /^data:,choice(\d+)$/.exec(image.currentSrc || "");
        resolve(match ? Number(match[1]) : image.currentSrc === "data:,fallback" ? types.length : null);
      };
      picture.appendChild(image);
      image.src = "data:,fallback";
    });
  }

  // Index of the choice this browser takes in a group of alternatives (see offline/course_files.py),
  // or null when unsure, in which case every choice is stored.
  function chosenIndex(group, picks) {
    var types = group.choices.filter(function (choice) { return choice.type; }).map(function (choice) { return choice.type; });
    if (group.element === "picture") {
      var key = types.join(" ");
      if (!picks[key]) picks[key] = pickedChoice(types);
      return picks[key];
    }
    // Players take the first source they can play (and try the next only if it fails to load).
    var player = document.createElement(group.element);
    for (var i = 0; i < types.length; i += 1) {
      if (player.canPlayType && player.canPlayType(types[i])) return Promise.resolve(i);
    }
    return Promise.resolve(null);
  }

  // The files this phone needs: everything except the picture and recording formats its browser never
  // asks for (an AVIF-capable phone skips the WebP and PNG copies, often most of a course's bytes).
  function neededFiles(list) {
    var picks = {};
    return Promise.all((list.alternatives || []).map(function (group) {
      return chosenIndex(group, picks).then(function (index) {
        if (index === null) return group.choices.reduce(function (all, choice) { return all.concat(choice.urls); }, []);
        return (group.choices[index] || { urls: [] }).urls;
      });
    })).then(function (chosenLists) {
      var chosen = {};
      chosenLists.forEach(function (urls) { urls.forEach(function (url) { chosen[url] = true; }); });
      return list.files.filter(function (file) { return !file.alternative || chosen[file.url]; });
    });
  }

  function fetchInto(cache, file) {
    return fetch(file.url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(file.url + ": " + response.status);
      if (!response.redirected) return cache.put(file.url, response);
      // A followed redirect cannot answer a page load later; store the body under the listed URL.
      return response.blob().then(function (body) {
        return cache.put(file.url, new Response(body, { status: 200, headers: response.headers }));
      });
    });
  }

  function storeAll(cache, files, progress) {
    var next = 0;
    var done = 0;
    function worker() {
      if (next >= files.length) return Promise.resolve();
      var file = files[next++];
      // Pages are fetched again (they change); files already on the phone are kept, so a broken
      // download continues where it stopped instead of starting over.
      var stored = file.type === "page" ? Promise.resolve(null) : cache.match(file.url);
      return stored
        .then(function (hit) { return hit ? null : fetchInto(cache, file); })
        .then(function () {
          done += 1;
          progress(done);
          return worker();
        });
    }
    var workers = [];
    for (var i = 0; i < Math.min(PARALLEL, files.length); i += 1) workers.push(worker());
    return Promise.all(workers);
  }

  function save() {
    var list = null;
    var files = [];
    var done = 0;
    show("saving", text("checking"));
    fetch(filesUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("file list: " + response.status);
        return response.json();
      })
      .then(function (data) {
        list = data;
        return neededFiles(data);
      })
      .then(function (needed) {
        files = needed;
        return checkSpace(bytesOf(files));
      })
      .then(function () {
        if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
        return caches.open(cacheName);
      })
      .then(function (cache) {
        var total = files.length;
        bar.max = total;
        function progress(count) {
          done = count;
          bar.value = count;
          statusLine.textContent = text("progress", { done: count, total: total });
        }
        progress(0);
        return storeAll(cache, files, progress).then(function () {
          var about = {
            title: list.course.title,
            url: list.course.url,
            language: list.course.language,
            saved_at: new Date().toISOString(),
            files: total,
            bytes: bytesOf(files),
          };
          var headers = { "Content-Type": "application/json" };
          return cache.put(aboutUrl, new Response(JSON.stringify(about), { headers: headers }));
        });
      })
      .then(refresh)
      .catch(function (error) {
        var message;
        if (error && error.noSpace) {
          message = text("no-space", error.noSpace);
        } else if (error && error.name === "QuotaExceededError") {
          message = text("no-space", { needed: megabytes(bytesOf(files)), free: "0.0" });
        } else {
          message = text("failed", { done: done, total: files.length });
        }
        // Whatever was stored stays: the state says so, and the next tap carries on from there.
        return refresh().then(function () { statusLine.textContent = message; });
      });
  }

  function remove() {
    show("removing", "");
    caches.delete(cacheName).then(function () {
      show("idle", text("removed"));
    });
  }

  saveButton.addEventListener("click", save);
  removeButton.addEventListener("click", remove);
  refresh().then(function () { box.hidden = false; }, function () { /* storage blocked: keep it hidden */ });
})();
