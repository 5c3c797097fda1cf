// Link previews for knowledge bases. A page that includes this one script
//   <script src="https://<this site>/link-preview.js" defer></script>
// shows a small card (title, summary, the linked section's first lines, in the language of
// the link) when a reader hovers or focuses a link to a role or metric of this site. It reads
// the site's cards (CORS, no cookies), never blocks the page, writes no inline markup or
// style attributes (the host's CSP needs only script-src and connect-src for this site),
// and does nothing where fetch is missing or the card cannot be read.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch || !window.URL) {
    return;
  }
  var origin = new URL(script.src, document.baseURI).origin;
  var LANGUAGES = ["en", "hi", "uk", "ko", "nb"];
  var KINDS = ["roles", "metrics"];
  var cards = {};
  var box = null;
  var shownFor = null;
  var describedBefore = null;
  var hideTimer = null;
  var showTimer = null;

  function hostLanguage() {
    var code = (document.documentElement.lang || "").toLowerCase().split("-")[0];
    if (code === "no" || code === "nn") {
      code = "nb";
    }
    return LANGUAGES.indexOf(code) >= 0 ? code : "en";
  }

  // The card of a link to a role or metric page of this site (/<lang>/roles/<slug>/#section,
  // or without the language, read in the host page's), or null.
  function cardOf(link) {
    var url;
    try {
      url = new URL(link.href, document.baseURI);
    } catch {
      return null;
    }
    if (url.origin !== origin) {
      return null;
    }
    var parts = url.pathname.split("/").filter(Boolean);
    var language = LANGUAGES.indexOf(parts[0]) >= 0 ? parts.shift() : hostLanguage();
    if (parts.length !== 2 || KINDS.indexOf(parts[0]) < 0 || parts[1] === "a-z") {
      return null;
    }
    return {
      address: origin + "/" + language + "/" + parts[0] + "/" + parts[1] + "/card.json",
      section: decodeURIComponent(url.hash.slice(1)),
    };
  }

  function load(address) {
    if (!cards[address]) {
      cards[address] = fetch(address, { mode: "cors", credentials: "omit" }).then(function (answer) {
        if (!answer.ok) {
          throw new Error("no card: " + answer.status);
        }
        return answer.json();
      });
      cards[address].catch(function () {
        delete cards[address];
      });
    }
    return cards[address];
  }

  function element(tag, text, styles) {
    var node = document.createElement(tag);
    if (text) {
      node.textContent = text;
    }
    Object.keys(styles || {}).forEach(function (name) {
      node.style[name] = styles[name];
    });
    return node;
  }

  function makeBox() {
    box = element("div", "", {
      position: "absolute", zIndex: "2147483647", maxWidth: "22rem", padding: "0.75rem 1rem",
      background: "#fff", color: "#1a1a1a", border: "1px solid #767676", borderRadius: "4px",
      boxShadow: "0 2px 8px rgba(0,0,0,.25)", font: "14px/1.45 system-ui, sans-serif",
      textAlign: "start",
    });
    box.id = "role-reference-preview";
    box.className = "role-reference-preview";
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    box.addEventListener("mouseenter", function () {
      window.clearTimeout(hideTimer);
    });
    box.addEventListener("mouseleave", scheduleHide);
    document.body.appendChild(box);
  }

  function fill(card, section) {
    box.textContent = "";
    box.lang = card.language;
    box.appendChild(element("strong", card.title, { display: "block", fontSize: "1.05em" }));
    box.appendChild(element("p", card.summary, { margin: "0.35rem 0 0" }));
    var part = card.sections && card.sections[section];
    if (part && part.text) {
      box.appendChild(element("p", part.heading, { margin: "0.6rem 0 0", fontWeight: "600" }));
      box.appendChild(element("p", part.text, { margin: "0.2rem 0 0" }));
    }
  }

  function place(link) {
    var rect = link.getBoundingClientRect();
    var left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - box.offsetWidth - 8));
    box.style.left = left + window.scrollX + "px";
    box.style.top = rect.bottom + window.scrollY + 6 + "px";
  }

  function show(link) {
    var card = cardOf(link);
    if (!card) {
      return;
    }
    window.clearTimeout(hideTimer);
    load(card.address)
      .then(function (data) {
        if (!box) {
          makeBox();
        }
        if (shownFor && shownFor !== link) {
          hide();
        }
        fill(data, card.section);
        box.hidden = false;
        place(link);
        if (shownFor !== link) {
          shownFor = link;
          describedBefore = link.getAttribute("aria-describedby");
          link.setAttribute("aria-describedby", ((describedBefore || "") + " " + box.id).trim());
        }
      })
      .catch(function () {
        // No card (a page that has none, the site out of reach): the link works as ever.
      });
  }

  function hide() {
    window.clearTimeout(showTimer);
    if (box) {
      box.hidden = true;
    }
    if (shownFor) {
      if (describedBefore) {
        shownFor.setAttribute("aria-describedby", describedBefore);
      } else {
        shownFor.removeAttribute("aria-describedby");
      }
    }
    shownFor = null;
  }

  function scheduleHide() {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hide, 300);
  }

  function linkIn(event) {
    return event.target && event.target.closest ? event.target.closest("a[href]") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var link = linkIn(event);
    if (link && cardOf(link)) {
      window.clearTimeout(showTimer);
      showTimer = window.setTimeout(function () {
        show(link);
      }, 250);
    }
  });
  document.addEventListener("mouseout", function (event) {
    if (linkIn(event)) {
      window.clearTimeout(showTimer);
      scheduleHide();
    }
  });
  document.addEventListener("focusin", function (event) {
    var link = linkIn(event);
    if (link && cardOf(link)) {
      show(link);
    }
  });
  document.addEventListener("focusout", function (event) {
    if (linkIn(event)) {
      scheduleHide();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && shownFor) {
      hide();
    }
  });
})();
