// KbGen site script: the audience switch and client-side search. Loaded from the site's own
// origin (the pages' Content-Security-Policy allows no inline script). Without JavaScript both
// audience layers show one after the other and the search box is not needed.
(function () {
  "use strict";
  var KEY = "kb-audience";

  function storedAudience() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }

  function applyAudience(value) {
    var clinician = document.getElementById("clinician");
    var patient = document.getElementById("patient");
    if (!clinician || !patient) return;
    var showPatient = value === "patient";
    clinician.hidden = showPatient;
    patient.hidden = !showPatient;
    document.documentElement.setAttribute("data-audience", showPatient ? "patient" : "clinician");
  }

  function setUpAudience() {
    var box = document.querySelector(".audience-switch");
    if (!box || !document.getElementById("patient")) return;
    var value = storedAudience() === "patient" ? "patient" : "clinician";
    var radios = box.querySelectorAll("input[name=audience]");
    radios.forEach(function (r) {
      r.checked = r.value === value;
      r.addEventListener("change", function () {
        if (!r.checked) return;
        try { window.localStorage.setItem(KEY, r.value); } catch (e) { /* private mode: not remembered */ }
        applyAudience(r.value);
      });
    });
    box.hidden = false;
    var links = document.querySelector(".layer-links");
    if (links) links.hidden = true;
    applyAudience(value);
  }

  function words(s) { return s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean); }

  function setUpSearch() {
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-results");
    if (!input || !list) return;
    function run() {
      var index = window.KB_SEARCH_INDEX || [];
      var terms = words(input.value);
      while (list.firstChild) list.removeChild(list.firstChild);
      if (terms.length === 0) return;
      var results = index.map(function (e) {
        var title = (e.title + " " + e.question).toLowerCase();
        var body = (e.summary + " " + e.text).toLowerCase();
        var score = 0;
        for (var i = 0; i < terms.length; i++) {
          var t = terms[i];
          if (title.indexOf(t) >= 0) score += 3;
          else if (body.indexOf(t) >= 0) score += 1;
          else return null;
        }
        return { entry: e, score: score };
      }).filter(Boolean).sort(function (a, b) { return b.score - a.score; });
      if (results.length === 0) {
        var none = document.createElement("li");
        none.textContent = "No topics match.";
        list.appendChild(none);
        return;
      }
      results.slice(0, 20).forEach(function (r) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = r.entry.href;
        a.textContent = r.entry.title;
        var q = document.createElement("span");
        q.className = "question";
        q.textContent = " — " + r.entry.question;
        li.appendChild(a);
        li.appendChild(q);
        list.appendChild(li);
      });
    }
    input.addEventListener("input", run);
    if (input.value) run();
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpAudience();
    setUpSearch();
  });
})();
