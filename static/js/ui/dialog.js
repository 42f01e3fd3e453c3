// A modal dialog (<dialog> in the top layer: the page behind is inert), labelled by
// its heading, described by its text; Escape does what the safe choice does.
import { h, mount } from "../lib/dom.js";

/**
 * @param {HTMLElement} root where the dialog lives
 * @param {{title: string, text: string, body?: Array<Node|null>, actions: HTMLElement[],
 *   initial: HTMLElement, onCancel: () => void}} options
 *   `text` describes the dialog; `initial` gets focus (the safe choice)
 * @returns {() => void} closes the dialog
 */
export function openDialog(root, { title, text, body = [], actions, initial, onCancel }) {
  const dialog = h("dialog", { class: "dialog", role: "alertdialog",
    "aria-labelledby": "dialog-title", "aria-describedby": "dialog-text" },
    h("h2", { id: "dialog-title" }, title),
    h("p", { id: "dialog-text" }, text),
    body,
    h("div", { class: "form-actions dialog-actions" }, actions));
  const close = () => {
    if (dialog.open) dialog.close();
    mount(root);
  };
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    onCancel();
  });
  mount(root, dialog);
  dialog.showModal();
  initial.focus();
  return close;
}
