// Service-worker helpers: a versioned precache, the shell for navigations,
// static files cache-first, /api/ never cached.
/* exported StegCache */
const StegCache = (() => {
  const PREFIX = "steg-shell-";
  const SHELL = "/app";
  const STATIC = [/^\/static\//, /^\/app\/i18n\//, /^\/manifest\.webmanifest$/];

  const nameOf = (precache) => PREFIX + precache.version;
  const own = (precache) => caches.open(nameOf(precache));

  /** Fetch the shell itself (never a redirect) and keep it. */
  async function storeShell(cache) {
    try {
      const response = await fetch(SHELL, { cache: "reload", credentials: "same-origin" });
      if (response.ok && !response.redirected) await cache.put(SHELL, response);
    } catch (error) {
      // Offline or logged out: the next navigation to /app stores it.
    }
  }

  async function precache(precache) {
    const cache = await own(precache);
    await cache.addAll(precache.urls.map((url) => new Request(url, { cache: "reload" })));
    await storeShell(cache);
  }

  /** Fetch and keep the shell now (asked for by the start page). */
  async function keepShell(precache) {
    await storeShell(await own(precache));
  }

  async function activate(precache) {
    const cache = await own(precache);
    if (!(await cache.match(SHELL))) {
      const previous = await caches.match(SHELL);
      if (previous) await cache.put(SHELL, previous);
    }
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== nameOf(precache)) await caches.delete(name);
    }
  }

  async function navigate(request, precache) {
    try {
      const response = await fetch(request);
      const path = new URL(response.url || request.url).pathname;
      if (response.ok && !response.redirected && path === SHELL) {
        const copy = response.clone();
        own(precache).then((cache) => cache.put(SHELL, copy));
      }
      return response;
    } catch (error) {
      const cached = (await (await own(precache)).match(SHELL)) || (await caches.match(SHELL));
      if (cached) return cached;
      throw error;
    }
  }

  async function cacheFirst(request, precache) {
    const cache = await own(precache);
    const cached = await cache.match(request);
    if (cached) return cached;
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  }

  /** The response for a request, or null to let the browser handle it. */
  function respond(request, precache) {
    const url = new URL(request.url);
    if (request.method !== "GET" || url.origin !== self.location.origin) return null;
    if (url.pathname.startsWith("/api/")) return null;
    if (request.mode === "navigate") return navigate(request, precache);
    if (STATIC.some((pattern) => pattern.test(url.pathname))) return cacheFirst(request, precache);
    return null;
  }

  return { precache, activate, respond, keepShell };
})();
