// Translations for the app: `_("English msgid")` looks up the catalog the server
// builds from the babel catalog (/app/i18n/<lang>.json, precached for offline use).

/** @type {Record<string, string>} */
let catalog = {};
let language = "nb";

/**
 * Load the catalog of one language; falls back to the English msgids.
 * @param {string} lang
 */
export async function loadCatalog(lang) {
  language = lang || "nb";
  try {
    const response = await fetch(`/app/i18n/${language}.json`);
    if (response.ok) catalog = await response.json();
  } catch {
    catalog = {};
  }
}

/**
 * The text in the person's language, with {name} placeholders filled in.
 * @param {string} msgid
 * @param {Record<string, string|number>} [values]
 */
export function _(msgid, values) {
  const text = catalog[msgid] || msgid;
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

export function currentLanguage() {
  return language;
}

/**
 * A time as people in Norway read it (Europe/Oslo), short date and time.
 * @param {string|number|Date|null|undefined} value
 */
export function formatTime(value) {
  if (!value) return "";
  const locale = language === "en" ? "en-GB" : "nb-NO";
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "short", timeStyle: "short", timeZone: "Europe/Oslo",
  }).format(new Date(value));
}
