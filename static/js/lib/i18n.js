// Translations for the app: `_("English msgid")` looks up the catalog the server
// builds from the babel catalog (/app/i18n/<lang>.json, precached for offline use).
// The same catalog carries, under "@labels", the words for codes (statuses,
// events, ...) from app/labels.py and how dates are written.
import { formatDate as dateOf, formatDateTime } from "./dates.js";

const LABELS_KEY = "@labels";
const FALLBACK_DATES = {
  months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
  date: "{d} {month} {y}", datetime: "{d} {month} {y}, {HH}:{mm}", time_zone: "Europe/Oslo",
};

/** @type {Record<string, any>} */
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
 * Use a catalog already at hand (the tests under node).
 * @param {string} lang
 * @param {Record<string, any>} data
 */
export function useCatalog(lang, data) {
  language = lang;
  catalog = data || {};
}

/**
 * The text in the person's language, with {name} placeholders filled in.
 * @param {string} msgid
 * @param {Record<string, string|number>} [values]
 */
export function _(msgid, values) {
  const found = catalog[msgid];
  const text = typeof found === "string" && found ? found : msgid;
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

/** The words for codes from the server's table (app/labels.py); {} before loading. */
export function labelTables() {
  return catalog[LABELS_KEY] || {};
}

export function currentLanguage() {
  return language;
}

/**
 * A moment as every screen writes it, in Oslo time ("20. des. 2026 kl. 14:03").
 * @param {string|number|Date|null|undefined} value
 */
export function formatTime(value) {
  return formatDateTime(value, labelTables().dates || FALLBACK_DATES);
}

/**
 * A day ("20. des. 2026"): a due date, or the day of a moment in Oslo.
 * @param {string|number|Date|null|undefined} value
 */
export function formatDate(value) {
  return dateOf(value, labelTables().dates || FALLBACK_DATES);
}
