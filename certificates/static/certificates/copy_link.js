// "Copy link" buttons: shown only where the browser can copy; without JavaScript the link is there to
// long-press and copy by hand.
document.querySelectorAll("[data-copy-link]").forEach(function (button) {
  if (!navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(button.dataset.copyLink).then(function () {
      button.textContent = button.dataset.copied;
    });
  });
});
