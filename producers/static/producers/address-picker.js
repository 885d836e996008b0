// Province -> district -> subdistrict selects, filled from /producers/geo/... without a page reload.
(function () {
  "use strict";

  function fill(select, items, placeholder) {
    select.replaceChildren(new Option(placeholder.text, ""));
    items.forEach(function (item) { select.add(new Option(item.name, item.code)); });
    select.disabled = items.length === 0;
  }

  function load(url, param, value) {
    var address = new URL(url, window.location.href);
    address.searchParams.set(param, value);
    return fetch(address, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { return data.results || []; });
  }

  function setUp(picker) {
    if (picker.dataset.ready) { return; }
    picker.dataset.ready = "1";
    var province = picker.querySelector("[data-level=province]");
    var district = picker.querySelector("[data-level=district]");
    var subdistrict = picker.querySelector("[data-level=subdistrict]");
    var districtPlaceholder = district.options[0].cloneNode(true);
    var subdistrictPlaceholder = subdistrict.options[0].cloneNode(true);

    province.addEventListener("change", function () {
      fill(district, [], districtPlaceholder);
      fill(subdistrict, [], subdistrictPlaceholder);
      if (!province.value) { return; }
      load(picker.dataset.districtsUrl, "province", province.value).then(function (items) {
        fill(district, items, districtPlaceholder);
      });
    });
    district.addEventListener("change", function () {
      fill(subdistrict, [], subdistrictPlaceholder);
      if (!district.value) { return; }
      load(picker.dataset.subdistrictsUrl, "district", district.value).then(function (items) {
        fill(subdistrict, items, subdistrictPlaceholder);
        if (items.length === 1) { subdistrict.value = items[0].code; }
      });
    });
  }

  function setUpAll() {
    document.querySelectorAll("[data-subdistrict-picker]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
