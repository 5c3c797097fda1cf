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

  // A button that copies text() and says so for a moment.
  function copyButton(className, label, copiedLabel, text) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = className;
    button.textContent = label;
    button.addEventListener("click", function () {
      copy(text()).then(function () {
        button.textContent = copiedLabel;
        window.setTimeout(function () {
          button.textContent = label;
        }, 2000);
      });
    });
    return button;
  }

  // A copy button after each address or snippet shown for copying (the "Link and embed"
  // panel, the linking guide); without this file they are plain selectable text. Each
  // button is described by its field's name, where the field has one.
  document.querySelectorAll("code.copyable").forEach(function (code) {
    var labels = code.closest("[data-copy-text]");
    if (!labels) {
      return;
    }
    var button = copyButton("copy-text", labels.dataset.copyText, labels.dataset.copiedText, function () {
      return code.textContent;
    });
    var name = code.closest("dd") && code.closest("dd").previousElementSibling;
    if (name && name.id) {
      button.setAttribute("aria-describedby", name.id);
    }
    code.insertAdjacentElement("afterend", button);
  });

  // A "copy link" button beside each section heading, for knowledge-base authors. It goes
  // after the heading, not inside it, so that the heading is named by its own words; the two
  // share a row (.section-heading) where there is room. Where the page has a "Link and
  // embed" panel, a second button shows that section's permanent address in it.
  var article = document.querySelector(".article[data-copy-label]");
  if (!article) {
    return;
  }
  var panel = document.getElementById("link-and-embed");

  function showInPanel(section, heading) {
    panel.querySelector(".share__section").textContent = panel.dataset.permanent + "#" + section.id;
    panel.querySelector(".share__section-name").textContent = heading.textContent;
    var field = panel.querySelector(".share__section + .copy-text");
    panel.scrollIntoView();
    if (field) {
      field.focus();
    }
  }

  article.querySelectorAll("section[id] > h2").forEach(function (heading) {
    var section = heading.parentElement;
    var row = document.createElement("div");
    row.className = "section-heading";
    heading.parentNode.insertBefore(row, heading);
    row.appendChild(heading);
    row.appendChild(
      copyButton("copy-link", article.dataset.copyLabel, article.dataset.copiedLabel, function () {
        return window.location.origin + window.location.pathname + "#" + section.id;
      })
    );
    if (panel) {
      var share = document.createElement("button");
      share.type = "button";
      share.className = "share-section";
      share.textContent = panel.querySelector("h2").textContent;
      // One such button per section: each is described by its section's heading.
      heading.id = heading.id || section.id + "-heading";
      share.setAttribute("aria-describedby", heading.id);
      share.addEventListener("click", function () {
        showInPanel(section, heading);
      });
      row.appendChild(share);
    }
  });
})();
