// Wiring only: language, local store, sync engine, views, service worker.
import { loadCatalog, _ } from "./lib/i18n.js";
import { registerServiceWorker } from "./lib/offline.js";
import { useUser } from "./store/db.js";
import { onSyncState, refreshCounts, startEngine, syncNow, syncState } from "./sync/engine.js";
import { renderBoard } from "./ui/board.js";
import { renderBoardIdea } from "./ui/board-idea.js";
import { renderDetail } from "./ui/detail.js";
import { guardLogout } from "./ui/logout.js";
import { renderMine } from "./ui/mine.js";
import { setupNotifications } from "./ui/notifications.js";
import { renderRecordForm } from "./ui/record-form.js";
import { formOptions, knownCategories } from "./ui/routes.js";
import { createStatus } from "./ui/status.js";
import { watchForUpdates } from "./ui/update.js";

const SYNC_EVERY_MS = 3 * 60 * 1000;
const root = document.getElementById("steg-app");
const view = document.getElementById("view");
/** A message shown on one route until the person moves on. */
let flash = { text: "", hash: "" };

let routeSeq = 0;

/** Draw the view of the current hash; a later navigation wins over a slower earlier one. */
async function route(focus = false) {
  const token = ++routeSeq;
  const target = document.createElement("div");
  await render(target);
  if (token !== routeSeq) return;
  view.replaceChildren(...target.childNodes);
  if (focus) view.querySelector("h1")?.focus();
}

async function render(target) {
  const [name, ...rest] = (location.hash.replace(/^#/, "") || "mine").split("/");
  const arg = rest[rest.length - 1];
  for (const tab of root.querySelectorAll("[data-route]")) {
    if (tab.dataset.route === name) tab.setAttribute("aria-current", "page");
    else tab.removeAttribute("aria-current");
  }
  const options = { categories: await knownCategories(root), sending: syncState().sending,
    rerender: () => route(true), userId: Number(root.dataset.userId), queued: boardChanged };
  if (name === "board" && rest.length) return renderBoardIdea(target, arg, options);
  if (name === "board") return renderBoard(target, options);
  if (name === "record") return renderDetail(target, arg, options);
  if (["new-deviation", "new-idea", "edit", "fix"].includes(name)) {
    const form = await formOptions(root, name, arg, saved);
    if (form) return renderRecordForm(target, form);
  }
  const message = flash.hash === location.hash ? flash.text : "";
  return renderMine(target, { ...options, flash: message });
}

async function saved() {
  flash = { text: _("Saved on this device"), hash: "#mine" };
  await refreshCounts();
  location.hash = "#mine";
  syncNow();
}

function rerenderLists(state) {
  const name = location.hash.replace(/^#/, "").split("/")[0] || "mine";
  if (!state.running && ["mine", "record", "board"].includes(name)) route();
}

/** A board op was saved on the device: show it, and send it when there is a network. */
async function boardChanged() {
  const section = document.activeElement?.closest("section[aria-labelledby]");
  const where = section?.getAttribute("aria-labelledby");
  await route();
  const again = where && view.querySelector(`section[aria-labelledby="${where}"] button`);
  (again || view.querySelector("h1"))?.focus();
  await refreshCounts();
  syncNow();
}

async function registerWorker() {
  const registration = await registerServiceWorker();
  if (registration) watchForUpdates(document.getElementById("update-banner"), registration);
}

function listen() {
  const sync = () => syncNow();
  window.addEventListener("online", sync);
  window.addEventListener("offline", () => refreshCounts());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") sync();
  });
  setInterval(sync, SYNC_EVERY_MS);
  window.addEventListener("hashchange", () => {
    if (location.hash !== flash.hash) flash = { text: "", hash: "" };
    route(true);
  });
}

/** Language, this person's store and the engine: what everything else needs first. */
async function prepare() {
  await loadCatalog(root.dataset.lang || document.documentElement.lang);
  useUser(root.dataset.userId);
  navigator.storage?.persist?.().catch(() => {});
  await startEngine(root.dataset.userId);
}

async function boot() {
  const ready = prepare();
  const logout = document.getElementById("logout-form");
  if (logout) { // guarded from the start: an early tap on "Logg ut" waits for `ready`
    guardLogout(logout, { dialogRoot: document.getElementById("dialog-root"),
      userId: root.dataset.userId, sendNow: syncNow, ready });
  }
  await ready;
  const status = createStatus(document.getElementById("sync-status"),
    { loginUrl: root.dataset.loginUrl, onSend: () => syncNow() });
  let wasRunning = false;
  onSyncState((state) => {
    status(state);
    if (wasRunning && !state.running) rerenderLists(state);
    wasRunning = state.running;
  });
  listen();
  await route();
  document.body.dataset.appReady = "true";
  performance.mark("steg-app-ready");
  registerWorker();
  setupNotifications(document.getElementById("notify-panel"),
    { quiet: true, onOpen: (hash) => { location.hash = hash; syncNow(); } });
  syncNow();
}

boot();
