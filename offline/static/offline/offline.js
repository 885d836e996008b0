/* The page side of offline use: registers the service worker, saves and removes courses, sends
 * what was queued offline when the connection returns, shows what the server accepted or refused,
 * and forgets the account's saved pages when it signs out or another account signs in.
 * Every text comes from data-* attributes of the page, which Django translated.
 */
(function () {
  "use strict";

  var store = window.OfflineStore;
  if (!("serviceWorker" in navigator) || !window.caches || !window.indexedDB || !store) return;

  var statusBox = document.getElementById("offline-status");
  var accountMeta = document.querySelector('meta[name="otop-account"]');

  function format(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (_all, key) {
      return values[key] === undefined ? "" : String(values[key]);
    });
  }

  function lang() {
    return document.documentElement.lang || "th";
  }

  function size(bytes) {
    var megabytes = bytes / (1024 * 1024);
    var unit = megabytes >= 1 ? "megabyte" : "kilobyte";
    var value = megabytes >= 1 ? megabytes : Math.max(1, Math.round(bytes / 1024));
    try {
      return new Intl.NumberFormat(lang(), { style: "unit", unit: unit, maximumFractionDigits: 1 }).format(value);
    } catch (error) {
      return value.toFixed(1) + (megabytes >= 1 ? " MB" : " KB");
    }
  }

  function day(time) {
    return new Date(time).toLocaleDateString(lang() === "th" ? "th-TH" : "en-GB", {
      day: "numeric", month: "short", year: "numeric"
    });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function csrfToken() {
    var input = document.querySelector('input[name="csrfmiddlewaretoken"]');
    if (input && input.value) return input.value;
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  /* The account on this page (an HMAC, "" when signed out); absent on the offline page. */
  function checkAccount() {
    if (!accountMeta) return Promise.resolve();
    var owner = accountMeta.content;
    return store.meta("owner").then(function (previous) {
      if (previous === owner) return;
      var work = previous === undefined ? Promise.resolve() : forgetPages().then(function () {
        return owner ? dropOthers(owner) : undefined;
      });
      return work.then(function () { return store.setMeta("owner", owner); });
    });
  }

  function forgetPages() {
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(store.isPrivateCache).map(function (n) { return caches.delete(n); }));
    }).then(function () {
      return Promise.all([store.clear("courses"), store.clear("recent")]);
    });
  }

  /* Queued and answered submissions of another account are deleted, never sent. */
  function dropOthers(owner) {
    return Promise.all(["queue", "outcomes"].map(function (name) {
      return store.all(name).then(function (rows) {
        return Promise.all(rows.filter(function (row) { return row.owner !== owner; })
          .map(function (row) { return store.remove(name, row.seq); }));
      });
    }));
  }

  function askToSend() {
    var worker = navigator.serviceWorker.controller;
    if (!worker || !navigator.onLine) return;
    store.all("queue").then(function (rows) {
      if (rows.length) worker.postMessage({ type: "flush", csrf: csrfToken() });
    });
  }

  /* Status line: what waits to be sent, and what the server answered. */
  function showStatus() {
    if (!statusBox) return Promise.resolve();
    var owner = accountMeta ? accountMeta.content : undefined;
    return Promise.all([store.all("queue"), store.all("outcomes"), store.meta("needsSignIn")]).then(function (found) {
      var mine = function (r) { return owner === undefined || r.owner === owner; };
      // Signed out: what waits is shown (not sent) until its account signs in again.
      var queue = owner === "" ? found[0] : found[0].filter(mine);
      var outcomes = owner === "" ? [] : found[1].filter(mine);
      statusBox.textContent = "";
      var here = queue.filter(function (r) { return r.lesson === location.pathname; });
      if (here.length) {
        statusBox.appendChild(el("p", { "class": "message message-info" }, statusBox.dataset.queued));
        disableQueuedForms(here);
      }
      if (queue.length) {
        var waiting = format(statusBox.dataset.pending, { count: queue.length });
        if (owner === "" || found[2]) waiting += " " + statusBox.dataset.signIn;
        statusBox.appendChild(el("p", { "class": "muted" }, waiting));
      }
      if (outcomes.length) {
        var box = el("div", { "class": "message offline-outcomes" });
        box.appendChild(el("p", {}, statusBox.dataset.sentHeading));
        var list = el("ul", {});
        outcomes.forEach(function (row) {
          var item = el("li", {});
          var badge = row.accepted ? "badge badge-ok" : "badge badge-danger";
          item.appendChild(el("span", { "class": badge }, row.accepted ? statusBox.dataset.accepted : statusBox.dataset.refused));
          item.appendChild(document.createTextNode(" "));
          if (row.lesson && row.lesson.url) {
            item.appendChild(el("a", { href: row.lesson.url }, row.lesson.title || row.lesson.url));
            item.appendChild(document.createTextNode(": "));
          }
          item.appendChild(document.createTextNode(row.message));
          list.appendChild(item);
        });
        box.appendChild(list);
        var ok = el("button", { type: "button", "class": "button button-small" }, statusBox.dataset.dismiss);
        ok.addEventListener("click", function () {
          Promise.all(outcomes.map(function (r) { return store.remove("outcomes", r.seq); })).then(showStatus);
        });
        box.appendChild(ok);
        statusBox.appendChild(box);
      }
      statusBox.hidden = !statusBox.childNodes.length;
    });
  }

  function disableQueuedForms(rows) {
    rows.forEach(function (row) {
      document.querySelectorAll('form[action="' + row.url + '"] button[type="submit"]').forEach(function (button) {
        button.disabled = true;
      });
    });
  }

  /* Save for offline ------------------------------------------------------------------------ */

  function fetchInto(cache, item) {
    var headers = item.kind === "page" ? { "X-Offline-Copy": "1" } : {};
    return fetch(item.url, { credentials: "same-origin", headers: headers }).then(function (response) {
      var control = response.headers.get("Cache-Control") || "";
      if (!response.ok || response.redirected || /no-store/.test(control)) return 0;
      return response.clone().blob().then(function (blob) {
        return cache.put(item.url, response).then(function () { return blob.size; });
      });
    });
  }

  function saveCourse(box) {
    var id = box.dataset.offlineCourse;
    var parts = box.querySelector("[data-role=progress]");
    var state = box.querySelector("[data-role=state]");
    box.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    return fetch(box.dataset.packageUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("package " + response.status);
        return response.json();
      })
      .then(function (pkg) {
        var items = pkg.items.slice();
        var done = 0, bytes = 0, failed = 0;
        parts.hidden = false;
        parts.max = items.length;
        var name = store.courseCache(id);
        return caches.delete(name).then(function () { return caches.open(name); }).then(function (cache) {
          function next() {
            var item = items.shift();
            if (!item) return Promise.resolve();
            return fetchInto(cache, item).then(function (n) {
              if (n) bytes += n; else failed += 1;
            }, function () { failed += 1; }).then(function () {
              done += 1;
              parts.value = done;
              state.textContent = format(box.dataset.saving, { done: done, total: pkg.items.length });
              return next();
            });
          }
          return Promise.all([next(), next(), next()]);  // three at a time
        }).then(function () {
          return store.put("courses", {
            id: id, title: pkg.course.title, url: pkg.course.url, bytes: bytes,
            lessons: pkg.lessons, failed: failed, savedAt: Date.now(),
            pages: pkg.items.filter(function (i) { return i.kind === "page"; })
              .map(function (i) { return { url: i.url, title: i.title }; })
          });
        });
      })
      .catch(function () {
        state.textContent = box.dataset.failed;
        return caches.delete(store.courseCache(id)).then(function () { throw new Error("not saved"); });
      })
      .then(function () { return showCourse(box); }, function () { box.querySelectorAll("button").forEach(function (b) { b.disabled = false; }); })
      .finally(function () { parts.hidden = true; });
  }

  function removeCourse(box) {
    var id = box.dataset.offlineCourse;
    return caches.delete(store.courseCache(id)).then(function () {
      return store.remove("courses", id);
    }).then(function () { return showCourse(box); });
  }

  function showCourse(box) {
    var id = box.dataset.offlineCourse;
    var state = box.querySelector("[data-role=state]");
    var save = box.querySelector("[data-role=save]");
    var remove = box.querySelector("[data-role=remove]");
    return store.get("courses", id).then(function (saved) {
      box.hidden = false;
      box.classList.toggle("is-saved", Boolean(saved));
      save.disabled = false;
      remove.disabled = false;
      if (saved) {
        state.textContent = format(box.dataset.saved, {
          lessons: saved.lessons, size: size(saved.bytes), date: day(saved.savedAt)
        });
        save.textContent = box.dataset.updateLabel;
        remove.hidden = false;
      } else {
        state.textContent = box.dataset.estimate;
        save.textContent = box.dataset.saveLabel;
        remove.hidden = true;
      }
    });
  }

  function setUpSaveBoxes() {
    document.querySelectorAll("[data-offline-course]").forEach(function (box) {
      box.querySelector("[data-role=save]").addEventListener("click", function () { saveCourse(box); });
      box.querySelector("[data-role=remove]").addEventListener("click", function () { removeCourse(box); });
      showCourse(box);
    });
  }

  /* The offline page lists what this phone has. */
  function listSaved() {
    var list = document.getElementById("offline-saved");
    if (!list) return Promise.resolve();
    return Promise.all([store.all("courses"), store.all("recent")]).then(function (found) {
      var courses = found[0], recent = found[1].sort(function (a, b) { return b.openedAt - a.openedAt; });
      list.textContent = "";
      courses.forEach(function (course) {
        var item = el("li", { "class": "card" });
        var heading = el("h3", {});
        heading.appendChild(el("a", { href: course.url }, course.title));
        item.appendChild(heading);
        item.appendChild(el("p", { "class": "muted" }, format(list.dataset.courseLine, {
          lessons: course.lessons, size: size(course.bytes), date: day(course.savedAt)
        })));
        var lessons = el("ol", { "class": "offline-lessons" });
        course.pages.slice(1).forEach(function (page) {
          var li = el("li", {});
          li.appendChild(el("a", { href: page.url }, page.title));
          lessons.appendChild(li);
        });
        item.appendChild(lessons);
        list.appendChild(item);
      });
      var recentBox = document.getElementById("offline-recent");
      recentBox.textContent = "";
      recent.forEach(function (row) {
        var li = el("li", {});
        li.appendChild(el("a", { href: row.url }, row.title || row.url));
        recentBox.appendChild(li);
      });
      document.getElementById("offline-nothing").hidden = Boolean(courses.length || recent.length);
      document.getElementById("offline-recent-block").hidden = !recent.length;
    });
  }

  /* Sign-out: send what waits (when online), then forget everything of the account. */
  function guardSignOut() {
    document.querySelectorAll('form[data-offline-sign-out], form[action$="/accounts/sign-out/"]').forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (form.dataset.cleared) return;
        event.preventDefault();
        var sent = new Promise(function (resolve) {
          var worker = navigator.serviceWorker.controller;
          if (!worker || !navigator.onLine) return resolve();
          store.all("queue").then(function (rows) {
            if (!rows.length) return resolve();
            navigator.serviceWorker.addEventListener("message", function (e) {
              if (e.data && e.data.type === "queue-changed") resolve();
            });
            worker.postMessage({ type: "flush", csrf: csrfToken() });
            setTimeout(resolve, 5000);
          });
        });
        sent.then(store.forgetAccount).catch(function () {}).then(function () {
          form.dataset.cleared = "1";
          form.submit();
        });
      });
    });
  }

  navigator.serviceWorker.addEventListener("message", function (event) {
    if (event.data && event.data.type === "queue-changed") showStatus();
  });

  window.addEventListener("online", function () {
    askToSend();
    // The page hears "online" before the worker's network is back: ask once more a little later.
    setTimeout(askToSend, 1500);
  });

  document.querySelectorAll("[data-role=retry]").forEach(function (button) {
    button.addEventListener("click", function () { location.reload(); });
  });

  guardSignOut();  // at once: a quick tap on "sign out" must not slip past it
  store.setMeta("lang", lang())
    .then(checkAccount)
    .then(function () {
      setUpSaveBoxes();
      listSaved();
      return showStatus();
    })
    .then(function () {
      return navigator.serviceWorker.register("/sw.js", { scope: "/" });
    })
    .then(function () { return navigator.serviceWorker.ready; })
    .then(askToSend)
    .catch(function (error) { if (window.console) console.warn("offline:", error); });
})();
