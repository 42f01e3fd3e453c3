// Wiring only: language, this person's local store, the sync engine and when it
// runs, the status bar, the views (ui/router.js), logout and the service worker.
import { loadCatalog } from "./lib/i18n.js";
import { registerServiceWorker } from "./lib/offline.js";
import { useUser } from "./store/db.js";
import { onSyncEnd, onSyncState, refreshCounts, startEngine, syncNow } from "./sync/engine.js";
import { syncWhenUseful } from "./sync/triggers.js";
import { guardLogout } from "./ui/logout.js";
import { createRouter } from "./ui/router.js";
import { setupNotifications } from "./ui/notifications.js";
import { createStatus } from "./ui/status.js";
import { watchForUpdates } from "./ui/update.js";

const root = document.getElementById("steg-app");

/** Language, this person's store and the engine: what everything else needs first. */
async function prepare() {
  await loadCatalog(root.dataset.lang || document.documentElement.lang);
  useUser(root.dataset.userId);
  navigator.storage?.persist?.().catch(() => {});
  await startEngine(root.dataset.userId);
}

async function registerWorker() {
  const registration = await registerServiceWorker();
  if (registration) watchForUpdates(document.getElementById("update-banner"), registration);
}

async function boot() {
  const ready = prepare();
  const logout = document.getElementById("logout-form");
  if (logout) { // guarded from the start: an early tap on "Logg ut" waits for `ready`
    guardLogout(logout, { dialogRoot: document.getElementById("dialog-root"),
      userId: root.dataset.userId, sendNow: syncNow, ready });
  }
  await ready;
  onSyncState(createStatus(document.getElementById("sync-status"),
    { loginUrl: root.dataset.loginUrl, onSend: () => syncNow() }));
  const router = createRouter(root, document.getElementById("view"));
  onSyncEnd(() => router.syncEnded());
  window.addEventListener("hashchange", () => router.hashChanged());
  syncWhenUseful(syncNow, refreshCounts);
  await router.route();
  document.body.dataset.appReady = "true";
  performance.mark("steg-app-ready");
  registerWorker();
  setupNotifications(document.getElementById("notify-panel"),
    { quiet: true, onOpen: (hash) => { location.hash = hash; syncNow(); } });
  syncNow();
}

boot();
