// Jelajahi (/jelajahi/): before the page is first drawn, the address's query and filters go into
// the form (a visitor arriving from the home page's search sees her words in the box at once),
// the folded "Penyaring" line names the chosen filters, and the filters open on a wide screen
// only: on a phone their fourteen fields would push the results out of the first screen. A
// classic script at the end of the form, so it runs before the parser reaches the results (no
// layout shift). jelajahi.js (a module, once the index has loaded) searches.
(function () {
  var script = document.currentScript;
  var form = script && script.closest("form");
  if (!form) return;
  var params = new URLSearchParams(window.location.search);
  var chosen = [];
  for (var i = 0; i < form.elements.length; i++) {
    var field = form.elements[i];
    var value = field.name && params.get(field.name);
    if (!value) continue;
    field.value = value;
    if (field.tagName === "SELECT" && field.name !== "urut" && field.selectedIndex > 0) {
      chosen.push(field.options[field.selectedIndex].getAttribute("data-label") || value);
    }
  }
  var details = form.querySelector("details");
  var line = details && details.querySelector("[data-aktif]");
  if (line && chosen.length) line.textContent = ": " + chosen.join(", ");
  if (details && chosen.length && window.matchMedia("(min-width: 60em)").matches) details.open = true;
})();
