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

  // A "copy link" button beside each section heading, for knowledge-base authors. It goes
  // after the heading, not inside it, so that the heading is named by its own words; the two
  // share a row (.section-heading) where there is room.
  var article = document.querySelector(".article[data-copy-label]");
  if (!article) {
    return;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "visually-hidden";
    document.body.appendChild(field);
    field.select();
    var copied = document.execCommand("copy");
    document.body.removeChild(field);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  article.querySelectorAll("section[id] > h2").forEach(function (heading) {
    var section = heading.parentElement;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-link";
    button.textContent = article.dataset.copyLabel;
    button.addEventListener("click", function () {
      var url = window.location.origin + window.location.pathname + "#" + section.id;
      copy(url).then(function () {
        button.textContent = article.dataset.copiedLabel;
        window.setTimeout(function () {
          button.textContent = article.dataset.copyLabel;
        }, 2000);
      });
    });
    var row = document.createElement("div");
    row.className = "section-heading";
    heading.parentNode.insertBefore(row, heading);
    row.appendChild(heading);
    row.appendChild(button);
  });
})();
