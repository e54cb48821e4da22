// Region lists on the profile form: choosing a province refreshes the city list, and a city the
// county list, without reloading the page. Without JavaScript the "Show places" button does this.
(function () {
  "use strict";
  var form = document.querySelector("[data-region-form]");
  if (!form || !window.fetch) return;
  var urlTemplate = form.getAttribute("data-divisions-url");
  var chain = ["id_province", "id_prefecture", "id_county"].map(function (id) { return document.getElementById(id); });

  function fill(select, divisions) {
    var blank = select.options[0];
    select.length = 0;
    select.add(blank);
    divisions.forEach(function (d) { select.add(new Option(d.name, d.code)); });
    select.value = "";
  }

  chain.forEach(function (select, index) {
    var next = chain[index + 1];
    if (!select || !next) return;
    select.addEventListener("change", function () {
      chain.slice(index + 1).forEach(function (s) { fill(s, []); });
      if (!select.value) return;
      fetch(urlTemplate.replace("CODE", encodeURIComponent(select.value)), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { divisions: [] }; })
        .then(function (data) { fill(next, data.divisions); })
        .catch(function () { /* offline: the "Show places" button still works */ });
    });
  });
  var hint = form.querySelector("[data-no-js-hint]");
  if (hint) hint.hidden = true;
  var refresh = form.querySelector("[data-region-refresh]");
  if (refresh) refresh.hidden = true;
})();
