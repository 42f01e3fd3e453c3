// "Slå på varsler": push notifications for this device, turned on only after a tap.
// The browser's permission prompt is never shown unasked; a notification that is
// opened (service worker: static/sw/notify.js) brings the app to the item and syncs.
import { h, mount } from "../lib/dom.js";
import { _ } from "../lib/i18n.js";
import { getSession } from "../sync/api.js";

/** @typedef {"unsupported"|"unavailable"|"off"|"asking"|"on"|"quiet"|"blocked"|"failed"} NotifyState */

/** @returns {boolean} whether this browser can receive Web Push at all */
export function pushSupported() {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/**
 * Draw the notification button into `container` and keep its state in data-state.
 * @param {HTMLElement|null} container
 * @param {{onOpen?: (hash: string) => void, quiet?: boolean}} [options] onOpen: called when an
 *   opened notification leads here; quiet: say nothing once they are on (the app's top bar)
 */
export async function setupNotifications(container, options = {}) {
  if (!container) return;
  listenForOpens(options.onOpen);
  if (!pushSupported()) return show(container, "unsupported");
  if (Notification.permission === "denied") return show(container, "blocked");
  const registration = await navigator.serviceWorker.ready;
  const existing = await registration.pushManager.getSubscription().catch(() => null);
  if (existing && Notification.permission === "granted") {
    return show(container, options.quiet ? "quiet" : "on");
  }
  // A server without push says so when asked; offline, the button is offered all the same.
  if ((await serverKey().catch(() => "offline")) === null) return show(container, "unavailable");
  show(container, "off", () => turnOn(container, registration));
}

async function turnOn(container, registration) {
  show(container, "asking");
  let key;
  try {
    key = await serverKey();
  } catch {
    return show(container, "failed", () => turnOn(container, registration),
      _("Turning on notifications needs a network. Try again when you are online."));
  }
  if (!key) return show(container, "unavailable");
  const permission = await Notification.requestPermission(); // only ever after a tap
  if (permission !== "granted") return show(container, permission === "denied" ? "blocked" : "off",
    () => turnOn(container, registration));
  try {
    const subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true, applicationServerKey: key });
    await sendSubscription(subscription);
    show(container, "on");
  } catch {
    show(container, "failed", () => turnOn(container, registration),
      _("Notifications could not be turned on. Try again later."));
  }
}

async function serverKey() {
  const response = await fetch("/api/v1/push/key", { credentials: "same-origin", cache: "no-store" });
  if (!response.ok) throw new Error(`push key: ${response.status}`);
  const body = await response.json();
  return body.enabled ? body.public_key : null;
}

async function sendSubscription(subscription) {
  const { csrf_token: csrf } = await getSession();
  const json = subscription.toJSON();
  const response = await fetch("/api/v1/push/subscriptions", {
    method: "POST", credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
    body: JSON.stringify({ endpoint: json.endpoint, keys: json.keys, device_label: deviceLabel() }),
  });
  if (!response.ok) throw new Error(`subscribe: ${response.status}`);
}

/** "Android tablet – Chrome": words for the list on /account, nothing that identifies. */
function deviceLabel() {
  const ua = navigator.userAgent;
  const system = /Android/.test(ua) ? "Android" : /iPad|iPhone|Macintosh/.test(ua) ? "Apple"
    : /Windows/.test(ua) ? "Windows" : /Linux/.test(ua) ? "Linux" : "";
  const browser = /Edg\//.test(ua) ? "Edge" : /Firefox\//.test(ua) ? "Firefox"
    : /Chrom(e|ium)\//.test(ua) ? "Chrome" : /Safari\//.test(ua) ? "Safari" : "";
  return [system, browser].filter(Boolean).join(" – ");
}

const WORDS = {
  off: () => _("Get a notification on this device when something needs you: an answer to what you reported, or a serious case."),
  asking: () => _("Turning on notifications…"),
  on: () => _("Notifications are on for this device. Turn them off on your account page."),
  blocked: () => _("Notifications are blocked for Steg in this browser. Allow them in the browser's site settings."),
  unavailable: () => _("Notifications are not set up on this server."),
};

/**
 * @param {HTMLElement} container
 * @param {NotifyState} state
 * @param {(() => void)} [onTap] shows the button when given
 * @param {string} [message]
 */
function show(container, state, onTap, message) {
  container.dataset.state = state;
  container.hidden = ["unsupported", "unavailable", "quiet"].includes(state);
  const text = message || WORDS[state]?.() || "";
  mount(container,
    text ? h("p", { class: "notify-state", role: "status" }, text) : null,
    onTap ? h("button", { type: "button", class: "button notify-button", onclick: onTap },
      _("Turn on notifications")) : null);
}

/** The service worker says a notification was opened: go to its item. */
function listenForOpens(onOpen) {
  if (!("serviceWorker" in navigator) || !onOpen) return;
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data?.type !== "NOTIFICATION_OPEN") return;
    const url = new URL(event.data.url, location.origin);
    if (url.origin === location.origin && url.pathname === "/app") onOpen(url.hash);
  });
}
