// A new version waits in the background; the person chooses when to reload.
import { h, mount } from "../lib/dom.js";
import { _ } from "../lib/i18n.js";

/**
 * @param {HTMLElement} banner
 * @param {ServiceWorkerRegistration} registration
 */
export function watchForUpdates(banner, registration) {
  let requested = false;
  const offer = (worker) => {
    mount(banner, h("span", {}, _("A new version is ready.")), " ",
      h("button", { type: "button", class: "button button-primary", onclick: () => {
        requested = true;
        worker.postMessage({ type: "SKIP_WAITING" });
      } }, _("New version – reload")));
    banner.hidden = false;
  };
  if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
    });
  });
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // The first install also changes the controller: reload only when asked.
    if (!requested) return;
    requested = false;
    window.location.reload();
  });
}
