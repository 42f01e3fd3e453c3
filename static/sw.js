// The service worker: event listeners only. The server prepends
// `self.STEG_PRECACHE = {version, urls}` (content hashes) when it serves /sw.js;
// the helpers live in /static/sw/cache.js.
/* global StegCache, StegNotify */
importScripts("/static/sw/cache.js", "/static/sw/notify.js");

const PRECACHE = self.STEG_PRECACHE || { version: "dev", urls: [] };

self.addEventListener("install", (event) => {
  // No skipWaiting here: a new version waits until the person chooses to reload.
  event.waitUntil(StegCache.precache(PRECACHE));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(StegCache.activate(PRECACHE).then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const response = StegCache.respond(event.request, PRECACHE);
  if (response) event.respondWith(response);
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
  // The start page asks for the shell when it is missing (a logout removed it).
  if (event.data && event.data.type === "KEEP_SHELL") event.waitUntil(StegCache.keepShell(PRECACHE));
});

self.addEventListener("push", (event) => event.waitUntil(StegNotify.show(event)));
self.addEventListener("notificationclick", (event) => event.waitUntil(StegNotify.open(event)));
