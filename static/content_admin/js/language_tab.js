// Opens a translation form on the language named in the address (#language-ko), so that a
// link from the translation overview lands on the tab that needs work.
(function () {
  "use strict";

  function openLanguageTab() {
    var match = /^#language-([a-z]{2})$/.exec(window.location.hash);
    var select = document.getElementById("modeltranslation-main-switch");
    if (!match || !select) {
      return;
    }
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].text.split("-")[0] === match[1]) {
        select.value = select.options[i].value;
        window.django.jQuery(select).trigger("change");
        return;
      }
    }
  }

  window.addEventListener("load", openLanguageTab);
  window.addEventListener("hashchange", openLanguageTab);
})();
