// Quizzes work as plain forms. This adds: instant feedback in lesson quizzes (fetch to the same
// server endpoint, which marks the answer), up/down buttons for putting steps in order, a marker
// where a picture was tapped, and saving a final test's answers as they are given.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "";
  var zh = lang.indexOf("zh") === 0;
  var words = zh
    ? { up: "上移", down: "下移", tapped: "已标出您点的位置。可以再点一次来修改。", saved: "答案已保存。", offline: "现在没有网络。请连上网络后再点“检查”。" }
    : { up: "Move up", down: "Move down", tapped: "Your tap is marked with a circle. Tap again to change it.", saved: "Your answers are saved.", offline: "No network now. Please press Check again when you are online." };

  function post(form, data) {
    return fetch(form.action, {
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
      [["up", "↑", words.up], ["down", "↓", words.down]].forEach(function (spec) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "quiz-move";
        button.setAttribute("data-" + spec[0], "");
        button.setAttribute("aria-label", spec[2] + ": " + label);
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
      if (status) status.textContent = words.tapped;
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
        if (reply.finished) {
          var summary = form.parentNode.querySelector("[data-summary]");
          summary.textContent = (zh ? "您答对了 " + reply.right + " 题，共 " + reply.total + " 题。" : "You got " + reply.right + " of " + reply.total + " right.");
        }
      }).catch(function () {
        if (submitter) submitter.disabled = false;
        form.parentNode.querySelector("[data-summary]").textContent = words.offline;
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
          if (status) status.textContent = reply.error ? reply.error : words.saved;
        }).catch(function () {});
      }, 1200);
    });
  });
})();
