// Quizzes work as plain forms. This adds: instant feedback in lesson quizzes (fetch to the same
// server endpoint, which marks the answer; checked on the phone and sent later when there is no
// network), up/down buttons for putting steps in order, a marker where a picture was tapped, and
// saving a final test's answers as they are given.
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

  // A network failure rejects with the browser's TypeError; an answer that is not JSON (a server error)
  // rejects with { server: true }, so that only the first is treated as "no network".
  function post(form, data) {
    // Not form.action: a final test's submit buttons are named "action", which shadows the property
    // (the request went to ".../[object RadioNodeList]" and nothing was saved).
    return fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { throw { server: true }; });
    });
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

  // An answered question shows its result instead of its inputs.
  function lock(fieldset) {
    fieldset.querySelectorAll("input, select, button, .quiz-hint, .quiz-options, .quiz-order, .quiz-matches, .quiz-hotspot, .quiz-label, .quiz-check-row").forEach(function (el) {
      if (el.matches("input, select, button")) el.disabled = true;
      else el.hidden = true;
    });
  }

  // Without a network ------------------------------------------------------------------------------
  // A lesson quiz is practice: the page carries what the phone needs to check its questions
  // (assessments/device.py; never a final test's questions). The answers are kept on the phone
  // (window.lmsKept, offline/offline-forms.js) and sent to the same endpoint when the network is back,
  // where the server marks them again: the score it records is its own.

  function deviceChecks(section) {
    var node = document.getElementById(section.getAttribute("data-device-checks") || "");
    try { return node ? JSON.parse(node.textContent) || {} : {}; } catch (error) { return {}; }
  }

  function fieldsOf(form, key) {
    var prefix = "q-" + key, pairs = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value !== "string" || value === "") return;
      if (name === prefix || name.indexOf(prefix + "-") === 0) pairs.push([name, value]);
    });
    return pairs;
  }

  function valueOf(pairs, name) {
    var found = pairs.filter(function (pair) { return pair[0] === name; })[0];
    return found ? found[1] : "";
  }

  // The response as assessments/answers.py reads it, or { error } for an answer that cannot be marked.
  function readResponse(check, key, pairs) {
    var name = "q-" + key, kind = check.kind;
    if (kind === "single" || kind === "image_choice" || kind === "true_false") return { response: valueOf(pairs, name) };
    if (kind === "multiple") {
      return { response: pairs.filter(function (p) { return p[0] === name; }).map(function (p) { return p[1]; }).sort() };
    }
    if (kind === "ordering") {
      var places = {};
      check.options.forEach(function (item) { places[item] = Number(valueOf(pairs, name + "-" + item)); });
      return { response: check.options.slice().sort(function (a, b) { return places[a] - places[b]; }) };
    }
    if (kind === "matching") {
      var chosen = {}, missing = false;
      check.options.forEach(function (item) {
        chosen[item] = valueOf(pairs, name + "-" + item);
        if (!chosen[item]) missing = true;
      });
      return missing ? { error: "match-every" } : { response: chosen };
    }
    if (kind === "short_answer") return { response: valueOf(pairs, name).trim() };
    if (kind === "hotspot") {
      var x = Number(valueOf(pairs, name + "-x")), y = Number(valueOf(pairs, name + "-y"));
      return { response: [Math.round(x * check.scale * 10) / 10, Math.round(y * check.scale * 10) / 10] };
    }
    return { error: "kept" };
  }

  function normalise(text) {
    return String(text).normalize("NFKC").toLowerCase().replace(/[\p{P}\p{S}\p{Z}\p{C}]/gu, "");
  }

  function number(text) {
    var cleaned = String(text).normalize("NFKC").replace(/[\s,，_']/g, "").replace(/。/g, ".");
    return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned) ? Number(cleaned) : null;
  }

  function regionAt(check, point) {
    var hits = (check.regions || []).filter(function (r) {
      if (r.shape === "circle") return Math.hypot(point[0] - r.x, point[1] - r.y) <= r.radius;
      return r.x <= point[0] && point[0] <= r.x + r.width && r.y <= point[1] && point[1] <= r.y + r.height;
    });
    return hits.filter(function (r) { return r.correct; })[0] || hits[0] || null;
  }

  // The same marking as assessments/scoring.py: a score from 0 to 1; right means full marks.
  function score(check, response) {
    var kind = check.kind, n;
    if (kind === "multiple") {
      var hits = response.filter(function (id) { return check.correct.indexOf(id) >= 0; }).length;
      var alarms = response.length - hits;
      n = check.correct.length ? Math.max(0, Math.min(1, (hits - alarms) / check.correct.length)) : 0;
      return { score: n, correct: hits === check.correct.length && alarms === 0 };
    }
    if (kind === "ordering") {
      n = response.filter(function (id, index) { return check.options[index] === id; }).length / check.options.length;
    } else if (kind === "matching") {
      n = check.options.filter(function (item) { return response[item] === item; }).length / check.options.length;
    } else if (kind === "short_answer") {
      var text = normalise(response), value = number(response);
      n = (text && check.texts.some(function (t) { return normalise(t) === text; })) ||
        (value !== null && check.numbers.some(function (pair) { return Math.abs(value - pair[0]) <= pair[1]; })) ? 1 : 0;
    } else if (kind === "hotspot") {
      var region = regionAt(check, response);
      n = region && region.correct ? 1 : 0;
    } else {
      n = check.correct.indexOf(response) >= 0 ? 1 : 0;
    }
    return { score: n, correct: n >= 1 };
  }

  // The answer in words and the feedback, as assessments/questions.py gives them.
  function describe(check, response, section) {
    var separator = words(section, "word-separator");
    var labels = check.labels;
    if (check.kind === "multiple") return response.map(function (id) { return labels[id]; }).join(separator);
    if (check.kind === "ordering") return response.map(function (id) { return labels[id]; }).join(" → ");
    if (check.kind === "matching") {
      return check.options.map(function (item) { return check.prompts[item] + " → " + check.matches[response[item]]; }).join(separator);
    }
    if (check.kind === "short_answer") return response;
    if (check.kind === "hotspot") {
      var region = regionAt(check, response);
      return region ? labels[region.id] : "";
    }
    return labels[response] || "";
  }

  function feedbackTexts(check, response, mark) {
    var chosen = [];
    if (check.kind === "single" || check.kind === "image_choice") chosen = [response];
    else if (check.kind === "multiple") chosen = response;
    else if (check.kind === "matching") chosen = check.options.filter(function (item) { return response[item] !== item; });
    else if (check.kind === "hotspot") { var region = regionAt(check, response); chosen = region ? [region.id] : []; }
    var texts = chosen.map(function (id) { return check.feedback[id]; }).filter(Boolean);
    var general = mark.correct ? check.correctFeedback : check.wrongFeedback;
    if (general) texts.push(general);
    return texts;
  }

  function paragraph(parent, text, className) {
    var p = document.createElement("p");
    if (className) p.className = className;
    p.setAttribute("data-say", "");
    p.textContent = text;
    parent.appendChild(p);
    return p;
  }

  // Built with textContent like assessments/includes/check_result.html, plus a note that it was checked here.
  function showResult(target, check, response, mark, section) {
    var box = document.createElement("div");
    box.className = "quiz-result " + (mark.correct ? "is-right" : mark.score > 0 ? "is-partly" : "is-wrong");
    var verdict = paragraph(box, "", "quiz-verdict");
    var sign = document.createElement("span");
    sign.setAttribute("aria-hidden", "true");
    sign.textContent = mark.correct ? "✓" : mark.score > 0 ? "◐" : "✗";
    verdict.appendChild(sign);
    verdict.appendChild(document.createTextNode(" " + words(section, mark.correct ? "word-right" : mark.score > 0 ? "word-partly" : "word-wrong")));
    var answer = describe(check, response, section);
    if (answer) paragraph(box, words(section, "word-your-answer", { answer: answer }));
    if (!mark.correct && check.right) paragraph(box, words(section, "word-right-answer", { answer: check.right }));
    feedbackTexts(check, response, mark).forEach(function (text) { paragraph(box, text); });
    if (check.explanation) {
      var why = paragraph(box, "", "quiz-explanation");
      var strong = document.createElement("strong");
      strong.textContent = words(section, "word-why");
      why.appendChild(strong);
      why.appendChild(document.createTextNode(" " + check.explanation));
    }
    target.textContent = "";
    target.appendChild(box);
    paragraph(target, words(section, "word-checked-here"), "quiz-offline-note");
  }

  function checkOnPhone(form, submitter) {
    var section = form.closest("section.check-yourself");
    var summary = section.querySelector("[data-summary]");
    if (!window.lmsKept) {
      summary.textContent = words(section, "word-not-kept");
      return;
    }
    var checks = deviceChecks(section);
    var only = submitter && submitter.name === "only" ? submitter.value : null;
    var shown = form.querySelector("input[name=shown]");
    var kept = [["shown", shown ? shown.value : ""]];
    var answered = 0;
    form.querySelectorAll("fieldset.quiz-question[data-question]").forEach(function (fieldset) {
      var key = fieldset.getAttribute("data-question");
      if ((only && key !== only) || fieldset.hasAttribute("data-kept") || !fieldset.querySelector("input:enabled, select:enabled")) return;
      var pairs = fieldsOf(form, key);
      if (!pairs.length) return;
      var target = fieldset.querySelector("[data-result]");
      var check = checks[key];
      var read = check ? readResponse(check, key, pairs) : { error: "kept" };
      if (read.error && read.error !== "kept") {
        target.textContent = words(section, "word-" + read.error);
        return;
      }
      kept = kept.concat(pairs);
      answered += 1;
      fieldset.setAttribute("data-kept", "");
      lock(fieldset);
      if (read.error) target.textContent = words(section, "word-kept");
      else showResult(target, check, read.response, score(check, read.response), section);
    });
    if (!answered) {
      summary.textContent = words(section, "word-choose-first");
      return;
    }
    if (!window.lmsKept.keep(form.action, kept)) {
      summary.textContent = words(section, "word-not-kept");
      return;
    }
    var questions = form.querySelectorAll("fieldset.quiz-question[data-question]");
    var results = form.querySelectorAll(".quiz-result");
    if (results.length === questions.length) {
      // Every question checked: the round's score, as the server would show it.
      summary.textContent = "";
      var total = questions.length, right = form.querySelectorAll(".quiz-result.is-right").length;
      paragraph(summary, words(summary, "score", { right: right, total: total }), "quiz-score");
      var checkAll = form.querySelector("[data-check-all]");
      if (checkAll) checkAll.hidden = true;
    } else {
      summary.textContent = "";
    }
  }

  // Lesson quizzes: "Check" marks one question on the server and shows the feedback in place.
  document.querySelectorAll("form[data-check-quiz]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      if (!window.fetch || !window.FormData) return;
      event.preventDefault();
      if (navigator.onLine === false) {
        checkOnPhone(form, submitter);
        return;
      }
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
          lock(fieldset);
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
      }).catch(function (error) {
        if (submitter) submitter.disabled = false;
        if (!(error && error.server)) {
          checkOnPhone(form, submitter);  // the network dropped on the way
          return;
        }
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
