// The service worker that makes the app work offline. Registered from the app and
// from the worker's start page, so a worker who logged in and drove off without
// opening the app still has it (the worker keeps the app shell, /app, in its cache).

/** @returns {Promise<ServiceWorkerRegistration|null>} */
export async function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return null;
  try {
    return await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  } catch (error) {
    console.warn("service worker not registered", error);
    return null;
  }
}

/**
 * Make sure the app shell is cached for offline use (a logout removes it, and an
 * installed worker does not fetch it again by itself).
 */
export async function keepAppShell() {
  const registration = await registerServiceWorker();
  if (!registration || !("caches" in window)) return;
  const ready = await navigator.serviceWorker.ready;
  if (await caches.match("/app")) return;
  ready.active?.postMessage({ type: "KEEP_SHELL" });
}
