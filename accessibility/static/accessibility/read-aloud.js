// Read-aloud player. Without JavaScript the page shows a plain <audio> element; with it, a large
// play/pause button, three speeds, and the paragraph being read highlighted and scrolled into view
// (timings come from the generated narration). Where no recording exists, the browser's own speech
// synthesis reads the same paragraphs, if it has a voice for the page's language (WeChat's in-app
// browser has none, so the server-side recording is the main path).
(function () {
  "use strict";
  var box = document.querySelector("[data-read-aloud]");
  if (!box) return;
  var audio = box.querySelector("[data-narration-audio]");
  var controls = box.querySelector("[data-controls]");
  var play = box.querySelector("[data-play]");
  var playLabel = box.querySelector("[data-play-label]");
  var icon = box.querySelector("[data-icon]");
  var segments = Array.prototype.slice.call(document.querySelectorAll("[data-say]"));
  var timingsNode = document.getElementById("narration-timings");
  var timings = timingsNode ? JSON.parse(timingsNode.textContent) : [];
  var reduceMotion = document.documentElement.classList.contains("reduce-motion") ||
    (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  var rate = 1;
  var current = -1;
  var synth = window.speechSynthesis;
  var speaking = false;

  function highlight(index) {
    if (index === current) return;
    if (segments[current]) segments[current].classList.remove("reading");
    current = index;
    var el = segments[index];
    if (el) {
      el.classList.add("reading");
      el.scrollIntoView({ block: "center", behavior: reduceMotion ? "auto" : "smooth" });
    }
  }

  function setPlaying(on, resumable) {
    play.setAttribute("aria-pressed", on ? "true" : "false");
    icon.textContent = on ? "❚❚" : "▶";
    playLabel.textContent = on ? box.dataset.labelPause : (resumable ? box.dataset.labelResume : box.dataset.labelPlay);
  }

  function voiceFor(lang) {
    if (!synth) return null;
    var prefix = lang.slice(0, 2);
    var voices = synth.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang && voices[i].lang.replace("_", "-").indexOf(prefix) === 0) return voices[i];
    }
    return null;
  }

  function speakFrom(index) {
    if (index >= segments.length) { speaking = false; setPlaying(false, false); highlight(-1); return; }
    var utterance = new SpeechSynthesisUtterance(segments[index].textContent.trim());
    utterance.lang = box.dataset.lang;
    utterance.rate = rate;
    var voice = voiceFor(box.dataset.lang);
    if (voice) utterance.voice = voice;
    utterance.onend = function () { if (speaking) speakFrom(index + 1); };
    highlight(index);
    synth.speak(utterance);
  }

  function showControls() {
    Array.prototype.forEach.call(box.querySelectorAll("[data-rate]"), function (button) {
      button.addEventListener("click", function () {
        rate = parseFloat(button.dataset.rate);
        if (audio) audio.playbackRate = rate;
        Array.prototype.forEach.call(box.querySelectorAll("[data-rate]"), function (b) {
          b.setAttribute("aria-pressed", b === button ? "true" : "false");
        });
      });
    });
    controls.hidden = false;
  }

  if (audio) {
    audio.addEventListener("timeupdate", function () {
      var t = audio.currentTime;
      for (var i = 0; i < timings.length; i++) {
        if (t >= timings[i][0] && t < timings[i][1] + 0.4) { highlight(i); return; }
      }
    });
    audio.addEventListener("play", function () { setPlaying(true); });
    audio.addEventListener("pause", function () { setPlaying(false, audio.currentTime > 0 && !audio.ended); });
    audio.addEventListener("ended", function () { highlight(-1); setPlaying(false, false); });
    play.addEventListener("click", function () {
      if (audio.paused) { audio.playbackRate = rate; audio.play(); } else { audio.pause(); }
    });
    audio.controls = false;
    showControls();
    return;
  }

  // No recording: offer the browser's own voice, once it has one for this language (Chrome lists its
  // voices only after "voiceschanged"). Where it has none, the page keeps saying only that there is no
  // recording, and says nothing about browser voices.
  var offered = false;
  function offerBrowserVoice() {
    if (offered || !segments.length || !voiceFor(box.dataset.lang)) return;
    offered = true;
    play.addEventListener("click", function () {
      if (speaking && !synth.paused) { synth.pause(); setPlaying(false, true); return; }
      if (speaking && synth.paused) { synth.resume(); setPlaying(true); return; }
      speaking = true;
      synth.cancel();
      setPlaying(true);
      speakFrom(0);
    });
    var note = box.querySelector("[data-browser-voice]");
    if (note) note.hidden = false;
    showControls();
  }
  if (!synth) return;
  offerBrowserVoice();
  if (!offered && synth.addEventListener) synth.addEventListener("voiceschanged", offerBrowserVoice);
})();
