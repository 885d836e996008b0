/* SMART OTOP Learning service worker (served by offline.views.service_worker at /sw.js).
 *
 * - Shell (styles, fonts, scripts, icons, the offline page): stored at install, in a cache named
 *   after this worker's version; an update replaces it.
 * - Trainee pages: network first. A page is stored only when the server marks it (X-Offline-Keep):
 *   the last lessons opened, the dashboard, enrolled course pages, and the courses a trainee saved.
 *   Nothing under the admin, the API or the account pages is ever answered from or put in a cache.
 * - "Mark as complete" and quiz answers sent without a connection are queued in IndexedDB and sent
 *   again later (Background Sync, the page's online event, the next page load) with their token;
 *   the server's JSON answer is kept for the trainee to read.
 */
"use strict";

const CONFIG = __CONFIG__;
const VERSION = "__VERSION__";
const SHELL = "otop-shell-" + VERSION;
const RECENT = "otop-recent";
const PAGES = "otop-pages";
const QUEUEABLE = new RegExp(CONFIG.queueable);
const NETWORK_WAIT_MS = 6000; // on a weak signal, show the saved copy rather than wait longer
const SYNC_TAG = "otop-queue";

importScripts(CONFIG.storeScript);
const store = self.OfflineStore;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL)
      .then((cache) => cache.addAll(CONFIG.shell.map((url) => new Request(url, { credentials: "omit" }))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((n) => n.startsWith("otop-shell-") && n !== SHELL).map((n) => caches.delete(n))
      ))
      .then(() => self.clients.claim())
  );
});

function isNeverCached(url) {
  return CONFIG.never.some((prefix) => url.pathname.startsWith(prefix));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    if (request.method === "GET" && request.destination === "image") {
      event.respondWith(savedOrNetwork(request)); // pictures on S3-style storage
    }
    return;
  }
  if (isNeverCached(url)) return; // the browser handles it, untouched
  if (request.method === "POST" && QUEUEABLE.test(url.pathname)) {
    event.respondWith(sendOrQueue(event));
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(event));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(staticAsset(event));
  } else if (url.pathname.startsWith("/media/") || url.pathname.startsWith("/documents/")) {
    event.respondWith(savedOrNetwork(request));
  }
});

async function matchPrivate(request) {
  const names = (await caches.keys()).filter(store.isPrivateCache);
  for (const name of names) {
    const found = await (await caches.open(name)).match(request, { ignoreVary: true, ignoreSearch: false });
    if (found) return found;
  }
  return undefined;
}

async function savedOrNetwork(request) {
  const saved = await matchPrivate(request);
  if (saved) return saved;
  try {
    return await fetch(request);
  } catch (error) {
    const otherWidth = await savedRendition(request.url);
    if (otherWidth) return otherWidth;
    throw error;
  }
}

// A lesson picture comes in several widths (srcset) and a saved course keeps one of them; which one
// the browser asks for depends on the screen. Offline, another saved width beats no picture.
const RENDITION_WIDTH = /\.width-\d+\.format-webp\.webp$/;

async function savedRendition(address) {
  const path = new URL(address).pathname;
  if (!RENDITION_WIDTH.test(path)) return undefined;
  const picture = path.replace(RENDITION_WIDTH, "");
  for (const name of (await caches.keys()).filter(store.isPrivateCache)) {
    const cache = await caches.open(name);
    for (const key of await cache.keys()) {
      const keyPath = new URL(key.url).pathname;
      if (RENDITION_WIDTH.test(keyPath) && keyPath.replace(RENDITION_WIDTH, "") === picture) {
        return cache.match(key);
      }
    }
  }
  return undefined;
}

async function staticAsset(event) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(event.request, { ignoreSearch: true });
  const refresh = fetch(event.request).then((response) => {
    if (response.ok) cache.put(event.request, response.clone());
    return response;
  });
  if (cached) {
    event.waitUntil(refresh.catch(() => undefined));
    return cached;
  }
  return refresh;
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then((value) => { clearTimeout(timer); resolve(value); },
                 (error) => { clearTimeout(timer); reject(error); });
  });
}

function keepable(response) {
  const control = response.headers.get("Cache-Control") || "";
  return response.status === 200 && response.type === "basic" && !response.redirected
    && !/no-store/.test(control) && response.headers.has("X-Offline-Keep");
}

async function keep(request, response) {
  const kind = response.headers.get("X-Offline-Keep");
  const url = request.url;
  // A course saved by the trainee is refreshed whenever one of its pages is opened online.
  for (const name of (await caches.keys()).filter((n) => n.startsWith("otop-course-"))) {
    const cache = await caches.open(name);
    if (await cache.match(url, { ignoreVary: true })) await cache.put(url, response.clone());
  }
  if (kind === "lesson") {
    const recent = await caches.open(RECENT);
    await recent.delete(url);
    await recent.put(url, response.clone());
    await store.put("recent", {
      url: new URL(url).pathname,
      title: decodeURIComponent(response.headers.get("X-Offline-Title") || ""),
      course: response.headers.get("X-Offline-Course") || "",
      openedAt: Date.now(),
    });
    const rows = (await store.all("recent")).sort((a, b) => b.openedAt - a.openedAt);
    for (const old of rows.slice(CONFIG.recentLessons)) {
      await recent.delete(new URL(old.url, self.location.origin).href);
      await store.remove("recent", old.url);
    }
  } else if (kind === "course" || kind === "dashboard") {
    await (await caches.open(PAGES)).put(url, response.clone());
  }
}

async function offlinePage() {
  const lang = (await store.meta("lang").catch(() => undefined)) || CONFIG.languages[0];
  const shell = await caches.open(SHELL);
  return (await shell.match(CONFIG.offlinePage + "?lang=" + lang))
    || (await shell.match(CONFIG.offlinePage + "?lang=" + CONFIG.languages[0]))
    || new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain" } });
}

async function navigate(event) {
  const request = event.request;
  const network = fetch(request).then((response) => {
    // Stored after the page is on its way: the trainee never waits for the cache.
    if (keepable(response)) event.waitUntil(keep(request, response.clone()));
    return response;
  });
  network.catch(() => undefined); // awaited below; no unhandled rejection while looking up
  const saved = await matchPrivate(request);
  try {
    if (saved) {
      event.waitUntil(network.catch(() => undefined));
      return await withTimeout(network, NETWORK_WAIT_MS);
    }
    return await network;
  } catch (error) {
    return saved || offlinePage();
  }
}

/* Offline submissions ------------------------------------------------------------------------ */

async function sendOrQueue(event) {
  const request = event.request;
  const copy = request.clone();
  try {
    return await fetch(request);
  } catch (error) {
    const form = new URLSearchParams(await copy.text());
    const csrf = form.get("csrfmiddlewaretoken") || "";
    form.delete("csrfmiddlewaretoken");
    const path = new URL(request.url).pathname;
    const kind = path.endsWith("/quiz/") ? "quiz" : "complete";
    const lesson = request.referrer ? new URL(request.referrer).pathname : "/learning/";
    const queued = await store.all("queue");
    // The same form sent twice offline (same lesson, same token) counts once: keep the last answers.
    for (const item of queued) {
      if (item.url === path && (kind === "complete" || item.token === form.get("token"))) {
        await store.remove("queue", item.seq);
      }
    }
    await store.add("queue", {
      url: path, kind, body: form.toString(), csrf, token: form.get("token") || "",
      lesson, owner: (await store.meta("owner")) || "", queuedAt: Date.now(),
    });
    if (self.registration.sync) {
      await self.registration.sync.register(SYNC_TAG).catch(() => undefined);
    }
    await tellPages({ type: "queue-changed" });
    return Response.redirect(lesson + "#offline-queued", 303);
  }
}

let flushing = null;

function flush(csrf) {
  // One replay at a time, whoever asks (sync event, online event, page load).
  if (!flushing) {
    flushing = replay(csrf).finally(() => { flushing = null; });
  }
  return flushing;
}

async function replay(csrf) {
  const items = (await store.all("queue")).sort((a, b) => a.seq - b.seq);
  let sent = 0;
  for (const item of items) {
    let response;
    try {
      response = await fetch(item.url, {
        method: "POST",
        body: item.body,
        credentials: "same-origin",
        redirect: "manual",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Accept": "application/json",
          "X-Offline-Replay": "1",
          "X-CSRFToken": csrf || item.csrf,
        },
      });
    } catch (error) {
      await tellPages({ type: "queue-changed" });
      throw error; // still offline: Background Sync tries again later
    }
    if (response.status >= 500) break; // the server's trouble, not a refusal: try again later
    if (response.type === "opaqueredirect" || response.status === 403) {
      // Signed out, or the form's token is stale: kept until a page of the account sends it.
      await store.setMeta("needsSignIn", true);
      break;
    }
    let answer;
    try {
      answer = await response.json();
    } catch (error) {
      answer = { accepted: false, message: response.status + " " + response.statusText };
    }
    await store.add("outcomes", {
      kind: item.kind,
      owner: item.owner,
      accepted: Boolean(answer.accepted),
      message: answer.message || "",
      lesson: answer.lesson || { title: await titleOf(item.lesson), url: item.lesson },
      at: Date.now(),
    });
    await store.remove("queue", item.seq);
    sent += 1;
  }
  if (sent) await store.setMeta("needsSignIn", false);
  await tellPages({ type: "queue-changed" });
  return sent;
}

/* The title of a lesson the server no longer names (taken down): from what the phone saved. */
async function titleOf(path) {
  for (const course of await store.all("courses")) {
    const page = (course.pages || []).find((p) => p.url === path);
    if (page) return page.title;
  }
  const recent = await store.get("recent", path);
  return recent ? recent.title : "";
}

async function tellPages(message) {
  for (const client of await self.clients.matchAll({ type: "window" })) client.postMessage(message);
}

self.addEventListener("sync", (event) => {
  if (event.tag === SYNC_TAG) event.waitUntil(flush());
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "flush") {
    event.waitUntil(flush(data.csrf).catch(() => 0));
  }
});
