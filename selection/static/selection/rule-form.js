// Selection round form: show only the settings the chosen check uses (all stay in the form,
// so nothing is lost when the coordinator changes the check).
(function () {
  "use strict";
  var FIELDS = {
    registered_before: ["on_date"],
    active_status: [],
    product_in_categories: ["categories"],
    standard_held: ["on_date", "standard_kinds"],
    course_certificates: ["course_ids", "holder", "min_members"],
    no_revoked_evidence: []
  };
  var ALL = ["on_date", "categories", "standard_kinds", "course_ids", "holder", "min_members"];

  function wrapperOf(prefix, name) {
    var field = document.querySelector('[name="' + prefix + name + '"]');
    return field ? field.closest(".w-panel__wrapper") || field.closest("[data-field-wrapper]") : null;
  }

  function update(select) {
    var prefix = select.name.replace(/kind$/, "");
    var wanted = FIELDS[select.value] || ALL;
    ALL.forEach(function (name) {
      var wrapper = wrapperOf(prefix, name);
      if (wrapper) wrapper.hidden = select.value !== "" && wanted.indexOf(name) === -1;
    });
  }

  function updateAll() {
    document.querySelectorAll('select[name^="rules-"][name$="-kind"]').forEach(update);
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches('select[name^="rules-"][name$="-kind"]')) update(target);
  });
  document.addEventListener("DOMContentLoaded", function () {
    if (!document.querySelector('select[name^="rules-"][name$="-kind"], [id^="id_rules-"]')) return;
    updateAll();
    new MutationObserver(updateAll).observe(document.body, { childList: true, subtree: true });
  });
})();
