// Progressive enhancement of "Betrokken medewerkers" on Nieuwe melding
// (issue 15): without JavaScript the search is a plain submit of the form;
// with it the list follows what is typed, and Enter registers again.
(function () {
  "use strict";
  var form = document.querySelector("form[action='/klachten/nieuw']");
  var input = document.getElementById("zoek_medewerker");
  var results = document.getElementById("betrokken-resultaat");
  if (!form || !input || !results || !window.fetch || !window.DOMParser) {
    return;
  }
  var timer = null;
  var asked = 0;

  function search() {
    var mine = ++asked;
    fetch("/klachten/nieuw/medewerkers?zoek=" + encodeURIComponent(input.value), {
      credentials: "same-origin",
      headers: { Accept: "text/html" }
    })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        if (mine !== asked) { return; }
        var found = new DOMParser().parseFromString(html, "text/html")
          .getElementById("betrokken-resultaat");
        if (!found) { return; }
        // Who was ticked stays ticked and on top, found or not.
        var ticked = [];
        results.querySelectorAll("input[name=betrokken]:checked").forEach(function (box) {
          ticked.push(box.closest("label"));
        });
        var list = found.querySelector("#betrokken-keuzes");
        ticked.reverse().forEach(function (label) {
          var id = label.querySelector("input").value;
          var same = list.querySelector("input[value='" + id + "']");
          if (same) { same.closest("label").remove(); }
          list.insertBefore(document.importNode(label, true), list.firstChild);
        });
        results.replaceWith(document.importNode(found, true));
        results = document.getElementById("betrokken-resultaat");
      })
      .catch(function () { /* the button still searches */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 250);
  });
  form.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" || e.target.tagName !== "INPUT") { return; }
    e.preventDefault();
    if (e.target === input) {
      window.clearTimeout(timer);
      search();
    } else {
      document.getElementById("registreren").click();
    }
  });
})();
