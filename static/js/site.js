// Progressive enhancement only: every page reads and works without this file.
(function () {
  "use strict";

  // Switching language keeps the reader at the same section of the page.
  document.querySelectorAll(".language-switcher a[hreflang]").forEach(function (link) {
    link.addEventListener("click", function () {
      if (window.location.hash) {
        link.href = link.href.split("#")[0] + window.location.hash;
      }
    });
  });
})();
