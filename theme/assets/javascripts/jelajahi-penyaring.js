// Jelajahi (/jelajahi/): opens "Penyaring" before the page is first drawn when the address
// filters on a facet (?provinsi=…, a link from a listing or a shared search). A classic script
// right after the <details>, so it runs before the parser reaches the sort row and the results:
// the open filters never push them down once they are on screen (no layout shift). jelajahi.js
// (a module, after the Pagefind bundle has loaded) fills the selects from the address.
(function () {
  var script = document.currentScript;
  var details = script && script.previousElementSibling;
  if (!details || details.tagName !== "DETAILS") return;
  var params = new URLSearchParams(window.location.search);
  var selects = details.querySelectorAll("select[name]");
  for (var i = 0; i < selects.length; i++) {
    if (params.get(selects[i].name)) {
      details.open = true;
      return;
    }
  }
})();
