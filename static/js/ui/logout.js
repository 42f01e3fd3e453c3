// Logging out on a shared tablet. With nothing the server lacks, this person's local
// data is wiped before the logout. Anything only the tablet holds (not sent yet,
// refused and waiting to be corrected, or their own text kept after a conflict)
// blocks the wipe: a dialog says what it is; logging out anyway keeps it here.
import { h } from "../lib/dom.js";
import { _ } from "../lib/i18n.js";
import { deleteUserDatabase, otherUserDatabaseLeft } from "../store/db.js";
import { getMeta } from "../store/kv.js";
import { listRecords } from "../store/records.js";
import { getSession } from "../sync/api.js";
import { unsentRecordIds } from "../sync/outbox.js";
import { openDialog } from "./dialog.js";
import { recordTitle } from "./labels.js";

const TITLES_SHOWN = 5;

/**
 * @param {HTMLFormElement} form the logout form in the page header
 * @param {{dialogRoot: HTMLElement, userId: string, sendNow: () => Promise<void>,
 *   ready?: Promise<unknown>}} options  ready: the page's store and language are set up
 *   (the guard is attached at once, so an early tap on "Logg ut" is guarded too)
 */
export function guardLogout(form, options) {
  form.addEventListener("submit", async (event) => {
    if (form.dataset.confirmed === "yes") return;
    event.preventDefault();
    await options.ready?.catch(() => {});
    if (!navigator.onLine) {
      notice(form, options, _("Logging out needs a network connection. What you saved is safe on this device."));
      return;
    }
    const held = await onlyHere().catch(() => null);
    if (held && !held.unsent.length && !held.rejected.length && !held.conflicts.length) {
      await forgetShell().catch(() => {});
      await deleteUserDatabase(options.userId).catch(() => {});
      const othersLeft = await otherUserDatabaseLeft(options.userId).catch(() => true);
      await submit(form, { deviceEmpty: !othersLeft });
      return;
    }
    warn(form, held || { unsent: [], rejected: [], conflicts: [], unknown: true }, options);
  });
}

/** The cached shell page carries this person's name: drop it. */
async function forgetShell() {
  if (!("caches" in window)) return;
  for (const name of await caches.keys()) await (await caches.open(name)).delete("/app");
}

/**
 * What this tablet holds that the server does not, by kind (records, newest first):
 * waiting in the outbox, refused until corrected, and own text kept after a conflict.
 */
async function onlyHere() {
  const [waiting, records] = await Promise.all([unsentRecordIds(), listRecords()]);
  return {
    unsent: records.filter((r) => waiting.has(r.id)),
    rejected: records.filter((r) => r.problem?.kind === "rejected" && !waiting.has(r.id)),
    conflicts: records.filter((r) => r.problem?.kind === "conflict"),
  };
}

/** Category labels for the titles: the last session's, and every one seen here. */
async function categoryLabels() {
  const session = (await getMeta("session").catch(() => undefined)) || {};
  const seen = (await getMeta("category_labels").catch(() => undefined)) || [];
  return [...(session.categories || []), ...(session.retired_categories || []), ...seen];
}

/**
 * Post the logout form. ``deviceEmpty``: no one's data is left on this tablet, so the
 * server may answer with Clear-Site-Data and wipe caches and storage (docs/security.md).
 */
async function submit(form, { deviceEmpty = false } = {}) {
  form.querySelector("input[name=device_outbox_empty]")?.remove();
  if (deviceEmpty) {
    form.append(h("input", { type: "hidden", name: "device_outbox_empty", value: "1" }));
  }
  try {
    const session = await getSession(); // the cached page may hold an old token
    form.elements.csrf_token.value = session.csrf_token;
  } catch { /* offline or logged out already: the server decides */ }
  form.dataset.confirmed = "yes";
  form.requestSubmit();
}

function notice(form, options, text) {
  const ok = h("button", { type: "button", class: "button button-primary" }, _("OK"));
  const close = openDialog(options.dialogRoot, { title: _("Log out"), text, actions: [ok],
    initial: ok, onCancel: () => done() });
  const done = () => { close(); form.querySelector("button")?.focus(); };
  ok.addEventListener("click", done);
}

function kind(heading, explanation, records, labels) {
  if (!records.length) return null;
  const shown = records.slice(0, TITLES_SHOWN);
  const more = records.length - shown.length;
  return h("section", { class: "dialog-kind" },
    h("h3", {}, heading),
    h("p", {}, explanation),
    h("ul", {}, shown.map((record) => h("li", {}, recordTitle(record, labels))),
      more ? h("li", {}, _("and {n} more", { n: more })) : null));
}

async function warn(form, held, options) {
  const labels = await categoryLabels();
  const stay = h("button", { type: "button", class: "button button-primary" }, _("Stay logged in"));
  const send = held.unsent.length
    ? h("button", { type: "button", class: "button" }, _("Send now")) : null;
  const leave = h("button", { type: "button", class: "button button-quiet" }, _("Log out anyway"));
  const close = openDialog(options.dialogRoot, {
    title: _("This is only on this tablet"),
    text: _("If you log out, none of it is deleted: it stays on this tablet, hidden from others, until you log in here again. You cannot see it from another tablet."),
    body: [
      held.unknown ? h("p", {}, _("The tablet could not check what is saved here.")) : null,
      kind(_("Not sent ({n})", { n: held.unsent.length }),
        _("It is sent the next time you log in here with a network connection."), held.unsent, labels),
      kind(_("Needs attention ({n})", { n: held.rejected.length }),
        _("The server did not accept it. It is not sent until you correct it under My records."),
        held.rejected, labels),
      kind(_("Your text ({n})", { n: held.conflicts.length }),
        _("Your own text from an edit your leader got to first. It is kept only here until you mark it as read."),
        held.conflicts, labels),
    ],
    actions: [stay, send, leave].filter(Boolean),
    initial: stay,
    onCancel: () => back(),
  });
  const back = () => { close(); form.querySelector("button")?.focus(); };
  stay.addEventListener("click", back);
  send?.addEventListener("click", async () => { back(); await options.sendNow(); });
  leave.addEventListener("click", async () => {
    close();
    await forgetShell().catch(() => {}); // nobody may open this person's app offline
    await submit(form);
  });
}
