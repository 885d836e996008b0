// Reload the progress page every 2 seconds while the bulk reissue job runs.
(function () {
  var box = document.getElementById("bulk-progress");
  if (box && box.dataset.running) {
    window.setTimeout(function () { window.location.reload(); }, 2000);
  }
})();
