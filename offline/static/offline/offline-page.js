// The offline page lists what is still readable: courses saved with "Save this course for offline"
// (caches named course-<id>, see save-course.js) and recently visited pages (the service worker's
// "pages" cache). It also offers a "Try again" button when it stands in for a page that failed to load.
(function () {
  "use strict";
  var root = document.querySelector("[data-offline-page]");
  if (!root) return;
  var offlineUrls = (root.getAttribute("data-offline-urls") || "").split(" ");
  var retry = root.querySelector("[data-offline-retry]");
  if (retry && offlineUrls.indexOf(location.pathname) < 0) {
    retry.hidden = false;
    retry.addEventListener("click", function () { location.reload(); });
  }
  // In place of a form that could not be sent, reloading would send it again: offer to go back instead.
  var back = root.querySelector("[data-offline-back]");
  if (back && history.length > 1) {
    back.hidden = false;
    back.addEventListener("click", function () { history.back(); });
  }
  if (!window.caches) return;
  var filesUrlTemplate = root.getAttribute("data-files-url-template");
  var VISITED_LIMIT = 20;

  function savedOn(iso) {
    var date = new Date(iso);
    try {
      return date.toLocaleDateString(document.documentElement.lang || undefined, { year: "numeric", month: "long", day: "numeric" });
    } catch (error) {
      return date.toDateString();
    }
  }

  function fill(section, rows) {
    var list = section.querySelector("[data-list]");
    rows.forEach(function (row) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = row.url;
      link.textContent = row.title;
      if (row.lang) link.lang = row.lang === "zh-hans" ? "zh-Hans" : row.lang;
      item.appendChild(link);
      if (row.note) item.appendChild(document.createTextNode(" · " + row.note));
      list.appendChild(item);
    });
    section.hidden = rows.length === 0;
  }

  function savedCourses() {
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name.indexOf("course-") === 0; }).map(function (name) {
        var aboutUrl = filesUrlTemplate.replace("/0/", "/" + name.slice("course-".length) + "/") + "?saved";
        return caches.open(name)
          .then(function (cache) { return cache.match(aboutUrl); })
          .then(function (response) { return response ? response.json() : null; });
      }));
    }).then(function (courses) {
      var template = root.getAttribute("data-text-saved-on");
      fill(root.querySelector("[data-saved-courses]"), courses.filter(Boolean).map(function (course) {
        return { url: course.url, title: course.title, lang: course.language, note: template.replace("{date}", savedOn(course.saved_at)) };
      }));
    });
  }

  function visitedPages() {
    return caches.has("pages").then(function (exists) {
      if (!exists) return [];
      return caches.open("pages").then(function (cache) {
        return cache.keys().then(function (requests) {
          var recent = requests.reverse().filter(function (request) {
            return offlineUrls.indexOf(new URL(request.url).pathname) < 0;
          }).slice(0, VISITED_LIMIT);
          return Promise.all(recent.map(function (request) {
            return cache.match(request).then(function (response) { return response.text(); }).then(function (html) {
              var doc = new DOMParser().parseFromString(html, "text/html");
              var heading = doc.querySelector("h1") || doc.querySelector("title");
              return { url: request.url, title: heading ? heading.textContent.trim() : request.url, lang: doc.documentElement.lang };
            });
          }));
        });
      });
    }).then(function (pages) {
      fill(root.querySelector("[data-visited-pages]"), pages.filter(function (page) { return page.title; }));
    });
  }

  savedCourses().catch(function () {});
  visitedPages().catch(function () {});
})();
