// Logging out on a shared tablet: unsent items are never thrown away silently.
// With nothing unsent, this person's local data is wiped before the logout.
import { h, mount } from "../lib/dom.js";
import { _ } from "../lib/i18n.js";
import { deleteUserDatabase, otherUserDatabaseLeft } from "../store/db.js";
import { getSession } from "../sync/api.js";
import { listRecords } from "../store/records.js";
import { countUnsent } from "../sync/outbox.js";

/**
 * @param {HTMLFormElement} form the logout form in the page header
 * @param {{dialogRoot: HTMLElement, userId: string, sendNow: () => Promise<void>}} options
 */
export function guardLogout(form, options) {
  form.addEventListener("submit", async (event) => {
    if (form.dataset.confirmed === "yes") return;
    event.preventDefault();
    if (!navigator.onLine) {
      notice(options, _("Logging out needs a network connection. What you saved is safe on this device."));
      return;
    }
    const unsent = await notOnServer().catch(() => 0);
    if (unsent === 0) {
      await forgetShell().catch(() => {});
      await deleteUserDatabase(options.userId).catch(() => {});
      const othersLeft = await otherUserDatabaseLeft(options.userId).catch(() => true);
      await submit(form, { deviceEmpty: !othersLeft });
      return;
    }
    warn(form, unsent, options);
  });
}

/** The cached shell page carries this person's name: drop it. */
async function forgetShell() {
  if (!("caches" in window)) return;
  for (const name of await caches.keys()) await (await caches.open(name)).delete("/app");
}

/** Mutations waiting, plus refused items the person has not corrected yet. */
async function notOnServer() {
  const [waiting, records] = await Promise.all([countUnsent(), listRecords()]);
  return waiting + records.filter((r) => r.problem?.kind === "rejected").length;
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

function notice(options, text) {
  const close = () => mount(options.dialogRoot);
  const dialog = h("div", { class: "dialog", role: "alertdialog", "aria-modal": "true",
    "aria-labelledby": "logout-title" },
    h("h2", { id: "logout-title", tabindex: "-1" }, text),
    h("button", { type: "button", class: "button button-primary", onclick: close }, _("OK")));
  mount(options.dialogRoot, dialog);
  dialog.querySelector("h2").focus();
}

function warn(form, unsent, options) {
  const close = () => { mount(options.dialogRoot); form.querySelector("button")?.focus(); };
  const dialog = h("div", { class: "dialog", role: "alertdialog", "aria-modal": "true",
    "aria-labelledby": "logout-title", "aria-describedby": "logout-text" },
    h("h2", { id: "logout-title", tabindex: "-1" }, _("Not sent ({n})", { n: unsent })),
    h("p", { id: "logout-text" }, _("Some of what you saved has not reached the server. If you log out now it stays on this tablet, hidden from others, and is sent the next time you log in here.")),
    h("div", { class: "form-actions" },
      h("button", { type: "button", class: "button button-primary", onclick: async () => {
        close();
        await options.sendNow();
      } }, _("Send now")),
      h("button", { type: "button", class: "button button-danger", onclick: async () => {
        await forgetShell().catch(() => {}); // nobody may open this person's app offline
        await submit(form);
      } }, _("Log out anyway")),
      h("button", { type: "button", class: "button button-quiet", onclick: close }, _("Cancel"))));
  mount(options.dialogRoot, dialog);
  dialog.querySelector("h2").focus();
}
