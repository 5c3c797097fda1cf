// The translator's workspace, enhanced: saving without reloading the page (posting only the
// texts saved), one-click memory suggestions and glossary terms, and keys to move between
// texts. Without this script the page is a plain form that does all of it but the keys.
(function () {
  "use strict";

  var form = null;

  function segments() {
    return Array.prototype.slice.call(form.querySelectorAll(".ws-segment"));
  }

  function textOf(segment) {
    return segment.querySelector("textarea");
  }

  function changed(segment) {
    var box = textOf(segment);
    var confirm = segment.querySelector("input[type=checkbox][name^='confirm:']");
    return box.value !== box.defaultValue || box.hasAttribute("data-changed") ||
      Boolean(confirm && confirm.checked);
  }

  function fieldsOf(segment, data) {
    var id = segment.getAttribute("data-segment");
    data.append("text:" + id, textOf(segment).value);
    data.append("base:" + id, form.querySelector("input[name='base:" + id + "']").value);
    var confirm = segment.querySelector("input[type=checkbox][name^='confirm:']");
    if (confirm && confirm.checked) {
      data.append("confirm:" + id, "1");
    }
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function show(segment, result) {
    var outcome = segment.querySelector("[data-role=outcome]");
    outcome.textContent = "";
    var line = element("p", "ws-outcome--" + result.status,
      result.label.charAt(0).toUpperCase() + result.label.slice(1) +
      (result.message ? ": " + result.message : ""));
    outcome.appendChild(line);
    if (result.their_text !== null) {
      outcome.appendChild(element("p", "", form.getAttribute("data-their-text")));
      var theirs = element("blockquote", "ws-their-text", result.their_text);
      theirs.setAttribute("lang", textOf(segment).getAttribute("lang"));
      outcome.appendChild(theirs);
    }
    var problems = segment.querySelector("[data-role=problems]");
    problems.textContent = "";
    result.problems.forEach(function (problem) {
      problems.appendChild(element("li", problem.blocking ? "ws-blocking" : "ws-warning",
        problem.message));
    });
    var ok = ["saved", "confirmed", "unchanged"].indexOf(result.status) >= 0;
    if (ok) {
      var box = textOf(segment);
      box.defaultValue = box.value;
      box.removeAttribute("data-changed");
      var confirm = segment.querySelector("input[type=checkbox][name^='confirm:']");
      if (confirm && result.state !== "outdated") {
        confirm.closest("p").remove();
      }
      if (result.base) {
        form.querySelector("input[name='base:" + result.id + "']").value = result.base;
      }
      var state = segment.querySelector("[data-role=state]");
      if (result.state) {
        state.className = "ws-state ws-state--" + result.state;
        state.textContent = result.state_label;
        segment.className = "ws-segment ws-segment--" + result.state;
      }
    }
  }

  function save(chosen) {
    if (!chosen.length) {
      return;
    }
    var data = new FormData();
    data.append("csrfmiddlewaretoken",
      form.querySelector("input[name=csrfmiddlewaretoken]").value);
    data.append("save", chosen.length === 1 ? chosen[0].getAttribute("data-segment") : "all");
    chosen.forEach(function (segment) {
      fieldsOf(segment, data);
      segment.querySelector("[data-role=outcome]").textContent = form.getAttribute("data-saving");
    });
    window.fetch(form.getAttribute("action") || window.location.pathname, {
      method: "POST",
      body: data,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(response.status);
      }
      return response.json();
    }).then(function (answer) {
      answer.results.forEach(function (result) {
        var segment = form.querySelector(".ws-segment[data-segment='" + result.id + "']");
        if (segment) {
          show(segment, result);
        }
      });
    }).catch(function () {
      chosen.forEach(function (segment) {
        segment.querySelector("[data-role=outcome]").textContent = form.getAttribute("data-failed");
      });
    });
  }

  function saveAll() {
    var chosen = segments().filter(changed);
    if (!chosen.length) {
      var first = segments()[0];
      if (first) {
        first.querySelector("[data-role=outcome]").textContent = form.getAttribute("data-nothing");
      }
      return;
    }
    save(chosen);
  }

  function current() {
    var active = document.activeElement;
    return active && active.closest ? active.closest(".ws-segment") : null;
  }

  function move(step) {
    var all = segments();
    var here = all.indexOf(current());
    var next = all[Math.min(Math.max(here + step, 0), all.length - 1)];
    if (next) {
      textOf(next).focus();
      next.scrollIntoView({ block: "center" });
    }
  }

  function insert(box, text) {
    var start = box.selectionStart;
    var end = box.selectionEnd;
    box.value = box.value.slice(0, start) + text + box.value.slice(end);
    box.selectionStart = box.selectionEnd = start + text.length;
    box.focus();
  }

  function start() {
    form = document.getElementById("ws-editor");
    if (!form || !window.fetch || !window.FormData) {
      return;
    }
    Array.prototype.forEach.call(form.querySelectorAll(".ws-use, .ws-insert"), function (button) {
      button.hidden = false;
    });
    form.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) {
        return;
      }
      var box = document.getElementById(button.getAttribute("data-target") || "");
      if (button.classList.contains("ws-use") && box) {
        box.value = button.getAttribute("data-use");
        box.focus();
      } else if (button.classList.contains("ws-insert") && box) {
        insert(box, button.getAttribute("data-insert"));
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var submitter = event.submitter;
      var value = submitter ? submitter.value : "all";
      if (value === "all") {
        saveAll();
      } else {
        save([form.querySelector(".ws-segment[data-segment='" + value + "']")]);
      }
    });
    form.addEventListener("keydown", function (event) {
      if (event.altKey && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
        event.preventDefault();
        move(event.key === "ArrowDown" ? 1 : -1);
      } else if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
        event.preventDefault();
        if (event.shiftKey) {
          saveAll();
        } else if (current()) {
          save([current()]);
        }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
