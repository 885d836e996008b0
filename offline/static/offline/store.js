/* What the phone keeps for offline use, in IndexedDB; shared by the pages and the service worker.
 *
 * Stores: queue (submissions made offline, in order), outcomes (what the server answered them),
 * courses (saved courses: URLs and bytes), recent (lessons kept automatically), meta (owner, lang).
 * Cache names: the shell is versioned by the worker; the private caches below belong to the
 * signed-in account and are deleted when the account on the page changes (sign-out included).
 */
(function (scope) {
  "use strict";

  var DB_NAME = "otop-offline";
  var STORES = ["queue", "outcomes", "courses", "recent", "meta"];
  var PRIVATE_CACHES = /^otop-(course-\d+|recent|pages)$/;

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        var db = request.result;
        db.createObjectStore("queue", { keyPath: "seq", autoIncrement: true });
        db.createObjectStore("outcomes", { keyPath: "seq", autoIncrement: true });
        db.createObjectStore("courses", { keyPath: "id" });
        db.createObjectStore("recent", { keyPath: "url" });
        db.createObjectStore("meta", { keyPath: "key" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function run(storeName, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(storeName, mode);
        var result;
        Promise.resolve(work(tx.objectStore(storeName))).then(function (value) { result = value; });
        tx.oncomplete = function () { db.close(); resolve(result); };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function request(req) {
    return new Promise(function (resolve, reject) {
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  var store = {
    all: function (name) {
      return run(name, "readonly", function (s) { return request(s.getAll()); });
    },
    get: function (name, key) {
      return run(name, "readonly", function (s) { return request(s.get(key)); });
    },
    put: function (name, value) {
      return run(name, "readwrite", function (s) { return request(s.put(value)); });
    },
    add: function (name, value) {
      return run(name, "readwrite", function (s) { return request(s.add(value)); });
    },
    remove: function (name, key) {
      return run(name, "readwrite", function (s) { return request(s.delete(key)); });
    },
    clear: function (name) {
      return run(name, "readwrite", function (s) { return request(s.clear()); });
    },
    meta: function (key) {
      return store.get("meta", key).then(function (row) { return row ? row.value : undefined; });
    },
    setMeta: function (key, value) {
      return store.put("meta", { key: key, value: value });
    },
    isPrivateCache: function (name) { return PRIVATE_CACHES.test(name); },
    courseCache: function (id) { return "otop-course-" + id; },
    /* Everything of one account: saved courses, recent lessons, queued and answered submissions. */
    forgetAccount: function () {
      return caches.keys().then(function (names) {
        return Promise.all(names.filter(store.isPrivateCache).map(function (n) { return caches.delete(n); }));
      }).then(function () {
        return Promise.all(["queue", "outcomes", "courses", "recent"].map(store.clear));
      });
    },
    STORES: STORES
  };

  scope.OfflineStore = store;
})(self);
