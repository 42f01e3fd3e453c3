// Dates as every screen writes them ("20. des. 2026", "20. des. 2026 kl. 14:03";
// "20 Dec 2026"), in Oslo time. The templates and month names come from the
// server (app/i18n.py DATE_FORMATS, Babel's names) in the catalog, so the tablet
// and the pages agree; Intl only works out the day and the time in Oslo.

/**
 * @typedef {{months: string[], date: string, datetime: string, time_zone: string}} DateWords
 */

/** @type {Map<string, Intl.DateTimeFormat>} */
const clocks = new Map();

function clock(timeZone) {
  if (!clocks.has(timeZone)) {
    clocks.set(timeZone, new Intl.DateTimeFormat("en-GB", {
      timeZone, year: "numeric", month: "numeric", day: "numeric",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }));
  }
  return clocks.get(timeZone);
}

function fill(template, pieces) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in pieces ? pieces[key] : whole));
}

/** The pieces of an instant in the given zone: d, month, y, HH, mm. */
function piecesOf(instant, words) {
  /** @type {Record<string, string>} */
  const parts = {};
  for (const part of clock(words.time_zone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    d: String(Number(parts.day)), month: words.months[Number(parts.month) - 1], y: parts.year,
    HH: parts.hour, mm: parts.minute,
  };
}

/**
 * A moment (ISO string with zone, epoch ms or Date), with its time.
 * @param {string|number|Date|null|undefined} value
 * @param {DateWords} words
 */
export function formatDateTime(value, words) {
  if (!value) return "";
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return String(value);
  return fill(words.datetime, piecesOf(instant, words));
}

/**
 * A day: a "YYYY-MM-DD" date as it is; a moment as its day in Oslo.
 * @param {string|number|Date|null|undefined} value
 * @param {DateWords} words
 */
export function formatDate(value, words) {
  if (!value) return "";
  const day = typeof value === "string" && /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    return fill(words.date, { d: String(Number(day[3])), month: words.months[Number(day[2]) - 1],
      y: day[1] });
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return String(value);
  return fill(words.date, piecesOf(instant, words));
}
