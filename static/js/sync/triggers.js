// When the tablet syncs by itself, in the foreground (Safari has no Background
// Sync): when the network returns, when the app comes back into view, and on a
// timer. A save and the "Send nå" button ask for a sync as well.
const SYNC_EVERY_MS = 3 * 60 * 1000;

/**
 * @param {() => void} syncNow
 * @param {() => void} refreshCounts
 */
export function syncWhenUseful(syncNow, refreshCounts) {
  const sync = () => syncNow();
  window.addEventListener("online", sync);
  window.addEventListener("offline", () => refreshCounts());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") sync();
  });
  setInterval(sync, SYNC_EVERY_MS);
}
