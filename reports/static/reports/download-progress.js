// Polls a background export's status and moves the progress bar; shows the download link when ready.
(function () {
  "use strict";
  var box = document.querySelector("[data-export-progress]");
  if (!box) { return; }
  var bar = box.querySelector("progress");
  var label = box.querySelector("[data-export-progress-label]");
  var ready = box.querySelector("[data-export-ready]");

  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        bar.value = data.progress;
        bar.textContent = data.progress + "%";
        label.textContent = data.finished ? data.status_label : data.status_label + " · " + data.progress + "%";
        if (data.ready) { ready.hidden = false; }
        if (!data.finished) { window.setTimeout(poll, 1500); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  poll();
})();
