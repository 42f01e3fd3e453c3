// Which view each hash route shows (#mine, #record/<id>, #board, #board/<id>,
// #new-deviation, #new-idea, #edit/<id>, #fix/<id>), and the message a route
// shows after a save. A later navigation wins over a slower earlier one.
import { _ } from "../lib/i18n.js";
import { refreshCounts, syncNow, syncState } from "../sync/engine.js";
import { renderBoard } from "./board.js";
import { renderBoardIdea } from "./board-idea.js";
import { renderDetail } from "./detail.js";
import { renderMine } from "./mine.js";
import { renderRecordForm } from "./record-form.js";
import { URGENT_SEVERITY } from "./call-leader.js";
import { formOptions, knownCategories, unitPhone } from "./routes.js";
import { restoreTyped, typedIn } from "./typed.js";

const LISTS = ["mine", "record", "board"];
function currentRoute() {
  const [name, ...rest] = (location.hash.replace(/^#/, "") || "mine").split("/");
  return { name, rest, arg: rest[rest.length - 1] };
}

/**
 * @param {HTMLElement} root the app element (its data- attributes)
 * @param {HTMLElement} view where a route's view goes
 */
export function createRouter(root, view) {
  /** A message shown on one route until the person moves on ("urgent": call the leader). */
  let flash = { text: "", hash: "", urgent: false };
  let routeSeq = 0;
  let shownHash = null;

  async function route(focus = false) {
    const token = ++routeSeq;
    const hash = location.hash;
    const target = document.createElement("div");
    await render(target);
    if (token !== routeSeq) return;
    // A sync that ends while the person writes a comment redraws the view: what
    // they typed comes along (a saved form was reset before, so it starts empty).
    const typed = hash === shownHash ? typedIn(view) : null;
    view.replaceChildren(...target.childNodes);
    shownHash = hash;
    if (typed) restoreTyped(view, typed);
    if (focus) view.querySelector("h1")?.focus();
  }

  async function render(target) {
    const { name, rest, arg } = currentRoute();
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
    const here = flash.hash === location.hash;
    const callLeader = here && flash.urgent ? { phone: await unitPhone(root) } : null;
    return renderMine(target, { ...options, flash: here ? flash.text : "", callLeader });
  }

  /** A record was saved on the device: say so on "Mine saker", and send it. */
  async function saved(id, values = {}) {
    flash = { text: _("Saved on this device"), hash: "#mine",
      urgent: values.severity === URGENT_SEVERITY };
    await refreshCounts();
    location.hash = "#mine";
    syncNow();
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

  return {
    route,
    /** The person moved: a message stays with the route it was shown on. */
    hashChanged() {
      if (location.hash !== flash.hash) flash = { text: "", hash: "", urgent: false };
      route(true);
    },
    /** A sync run ended: the lists may hold answers from the leader. */
    syncEnded() {
      if (LISTS.includes(currentRoute().name)) route();
    },
  };
}
