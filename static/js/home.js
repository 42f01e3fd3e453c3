// Wiring for the worker's start page: the same logout guard as in the app, so
// logging out here never drops unsent records and wipes a fully sent person's data;
// and the service worker, so the app opens offline even if it was never opened here.
import { loadCatalog } from "./lib/i18n.js";
import { keepAppShell } from "./lib/offline.js";
import { useUser } from "./store/db.js";
import { startEngine, syncNow } from "./sync/engine.js";
import { guardLogout } from "./ui/logout.js";

const root = document.getElementById("dialog-root");
const form = document.getElementById("logout-form");

async function boot() {
  await loadCatalog(root.dataset.lang);
  useUser(root.dataset.userId);
  await startEngine(root.dataset.userId);
}

if (root && form) {
  guardLogout(form, { dialogRoot: root, userId: root.dataset.userId, sendNow: syncNow,
    ready: boot() });
}
keepAppShell().catch((error) => console.warn("app shell not kept for offline use", error));
