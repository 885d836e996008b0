// "Other title" is shown only while the title "Other" is chosen. Without JavaScript it is always
// shown (and ignored by the server unless "Other" is chosen).
document.querySelectorAll("[data-shown-when-title]").forEach(function (input) {
  var select = document.getElementById(input.id.replace(/_other$/, ""));  // id_title, id_name-title
  var field = input.closest(".field");
  if (!select || !field) return;
  function update() {
    field.hidden = select.value !== input.dataset.shownWhenTitle && !field.classList.contains("field-error");
  }
  select.addEventListener("change", update);
  update();
});
