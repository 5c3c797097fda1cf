// The role's form, with JavaScript: arrows move an item of a list instead of typing its
// order number, and the preview link follows the language tab. Without this script both
// still work: the order numbers are fields, and the publishing panel links a preview per
// language.
(function () {
  "use strict";

  function savedItems(group) {
    return Array.prototype.filter.call(
      group.querySelectorAll(".inline-related:not(.empty-form)"),
      function (item) {
        var id = item.querySelector("input[name$='-id']");
        return id && id.value && item.querySelector("input[name$='-order']");
      }
    );
  }

  function renumber(group) {
    savedItems(group).forEach(function (item, position) {
      var order = item.querySelector("input[name$='-order']");
      if (order.value !== String(position)) {
        order.value = String(position);
      }
    });
  }

  function move(item, step) {
    var group = item.closest(".inline-group");
    var items = savedItems(group);
    var index = items.indexOf(item);
    var other = items[index + step];
    if (!other) {
      return;
    }
    if (step < 0) {
      other.parentNode.insertBefore(item, other);
    } else {
      other.parentNode.insertBefore(item, other.nextSibling);
    }
    renumber(group);
    item.querySelector("h3 button[data-step='" + step + "']").focus();
  }

  function addArrows(group) {
    var holder = document.getElementById("order-labels");
    var labels = holder ? holder.dataset : {};
    savedItems(group).forEach(function (item) {
      var heading = item.querySelector("h3");
      if (!heading || heading.querySelector("button[data-step]")) {
        return;
      }
      [[-1, "↑", labels.moveUp], [1, "↓", labels.moveDown]].forEach(function (arrow) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "order-arrow";
        button.dataset.step = String(arrow[0]);
        button.textContent = arrow[1];
        button.setAttribute("aria-label", arrow[2] || arrow[1]);
        button.addEventListener("click", function () {
          move(item, arrow[0]);
        });
        heading.appendChild(button);
      });
    });
  }

  function followLanguageTab() {
    var select = document.getElementById("modeltranslation-main-switch");
    var link = document.querySelector("a[data-preview-base]");
    if (!select || !link) {
      return;
    }
    function update() {
      var code = select.options[select.selectedIndex].text.split("-")[0].trim();
      if (/^[a-z]{2}$/.test(code)) {
        link.href = link.dataset.previewBase + code + "/";
        link.lang = code;
      }
    }
    window.django.jQuery(select).on("change", update);
    update();
  }

  window.addEventListener("load", function () {
    document.querySelectorAll(".inline-group").forEach(addArrows);
    followLanguageTab();
  });
})();
