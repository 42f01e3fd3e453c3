// "Ring leder nå hvis noen er i fare": shown at once when a deviation is marked
// critical, on the form and again once it is saved, with the unit's number as a
// large `tel:` button (or, without a number, the words to call the leader).
import { h } from "../lib/dom.js";
import { _ } from "../lib/i18n.js";
import { formatPhone, telHref } from "../lib/phone.js";

export const URGENT_SEVERITY = "critical";

/**
 * @param {string|null|undefined} phone the unit's number, if it has one
 * @returns {HTMLElement}
 */
export function callLeaderNotice(phone) {
  const href = telHref(phone);
  return h("div", { class: "alert alert-error call-leader", role: "alert", "data-call-leader": "" },
    h("p", { class: "call-leader-title" }, _("Call your leader now if anyone is in danger")),
    href
      ? h("a", { class: "button button-call", href },
        _("Call {phone}", { phone: formatPhone(phone) }))
      : h("p", { class: "call-leader-text" },
        _("No phone number is set for your unit. Call your leader on the number you have.")));
}
