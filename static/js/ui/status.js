// The sync status, always visible: online/offline, "Ikke sendt (N)",
// "Sist synkronisert" (last SUCCESSFUL sync), progress, and what to do.
import { h, mount } from "../lib/dom.js";
import { _, formatTime } from "../lib/i18n.js";

/**
 * @param {HTMLElement} container
 * @param {{loginUrl: string, onSend: () => void}} options
 * @returns {(state: import("../sync/engine.js").SyncState) => void}
 */
export function createStatus(container, options) {
  const net = h("span", { class: "status-net", id: "status-net" });
  const unsent = h("span", { class: "status-unsent", id: "status-unsent" });
  const problems = h("a", { class: "status-problems", id: "status-problems", href: "#mine" });
  const last = h("span", { class: "status-last", id: "status-last" });
  const message = h("p", { class: "status-message", id: "status-message", role: "status" });
  const send = h("button", { type: "button", class: "button button-primary status-send",
    onclick: options.onSend }, _("Send now"));
  mount(container, h("div", { class: "status-row" }, net, unsent, problems, last, send), message);
  return (state) => {
    net.textContent = state.online ? _("Online") : _("Offline");
    net.dataset.online = String(state.online);
    unsent.textContent = _("Not sent ({n})", { n: state.unsent });
    problems.textContent = _("Needs attention ({n})", { n: state.problems });
    problems.hidden = !state.problems;
    const never = _("never");
    last.textContent = _("Last synced: {time}",
      { time: state.lastSyncAt ? formatTime(state.lastSyncAt) : never });
    last.dataset.at = state.lastSyncAt || "";
    send.disabled = state.running;
    mount(message, ...messageFor(state, options));
  };
}

function messageFor(state, options) {
  if (state.progress && state.progress.total) {
    return [_("Sending {sent} of {total}…", state.progress)];
  }
  if (state.running) return [_("Synchronising…")];
  if (!state.online) {
    return [_("No network. What you save waits safely on this device and is sent when you are online.")];
  }
  if (state.failure === "auth") {
    return [_("Log in again to send. Nothing on this device is lost."), " ",
      h("a", { href: options.loginUrl, class: "status-login" }, _("Log in"))];
  }
  if (state.failure === "network" || state.failure === "server") {
    return [_("Could not reach the server. Everything is safe on this device; we try again shortly.")];
  }
  if (state.failure) {
    return [_("Sync stopped: {reason}", { reason: state.failureText || state.failure })];
  }
  return [];
}
