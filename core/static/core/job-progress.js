// Follows a background job on its progress page (imports, report downloads, bulk reissues).
// The page works without it (it shows the status when loaded and a refresh link); with it, the bar
// and the aria-live line follow the job's status JSON. Every word comes from the page, in its language:
// data-label holds the line with {status}, {done}, {total} and {percent} to fill in.
// When the job finishes, data-on-finish="reload" reloads the page; "reveal" shows the
// page's [data-job-result] (a link to the result).
(function () {
  "use strict";
  var box = document.querySelector("[data-job-progress]");
  if (!box) { return; }
  var bar = box.querySelector("progress");
  var line = box.querySelector("[data-job-progress-label]");
  var result = document.querySelector("[data-job-result]");
  var template = box.dataset.label || "{status}";
  var finishedTemplate = box.dataset.labelFinished || "{status}";

  function fill(text, data) {
    return text
      .replace("{status}", data.status_label)
      .replace("{done}", data.done)
      .replace("{total}", data.total)
      .replace("{percent}", data.progress);
  }

  function show(data) {
    bar.value = data.progress;
    bar.textContent = data.progress + "%";
    line.textContent = fill(data.finished ? finishedTemplate : template, data);
  }

  function finish(data) {
    if (box.dataset.onFinish === "reveal") {
      if (result && data.result_url) { result.hidden = false; }
      return;
    }
    window.location.reload();
  }

  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (data) {
        show(data);
        if (data.finished) { finish(data); } else { window.setTimeout(poll, 1500); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  if (!box.hasAttribute("data-finished")) { poll(); }
})();
