// The unit's phone number as the server keeps it ("+4791234567", app/phone.py):
// a `tel:` address, and the number as Norwegians write it ("912 34 567").

/** @param {string|null|undefined} phone @returns {string} "" when there is none */
export function telHref(phone) {
  const digits = String(phone || "").replace(/[^\d+]/g, "");
  return digits ? `tel:${digits}` : "";
}

/**
 * "912 34 567" for a mobile number (4 or 9 first), "22 12 34 56" for others;
 * anything that is not 8 digits after +47 is shown as it is.
 * @param {string|null|undefined} phone
 */
export function formatPhone(phone) {
  const text = String(phone || "").trim();
  const national = text.replace(/^\+47/, "");
  if (!/^\d{8}$/.test(national)) return text;
  if ("49".includes(national[0])) {
    return `${national.slice(0, 3)} ${national.slice(3, 5)} ${national.slice(5)}`;
  }
  return national.replace(/(\d\d)(?=\d)/g, "$1 ");
}
