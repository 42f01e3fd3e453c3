// Norwegian national identity numbers (fødselsnummer, D-nummer, H-nummer) in free
// text: 11 digits with two valid mod-11 check digits and a plausible date, however
// written: fullwidth or other Unicode digits, invisible characters inside, any
// grouping with short runs of spaces, dashes, dots or slashes between groups.
// The server runs the same rule (app/services/personal_id.py, docs/personal-id.md);
// both are checked against tests/vectors/personal_id.json.

/** What may stand between two groups of digits (after NFKC). */
export const SEPARATORS =
  "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008" +
  "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u115f\u1160\u3164\uffa0" +
  "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d" +
  "./\u2044\u2215";
/** At most this many separator characters between two groups. */
export const MAX_GAP = 3;
/** "+" and at most this many digits is a telephone country code, never part of a number. */
export const MAX_COUNTRY_CODE = 3;
/** A day, a month and a four-digit year starting with these is a date, never a number. */
export const YEAR_CENTURIES = ["19", "20"];
/** Removed before matching: format characters, combining marks, controls but tab/line breaks. */
export const INVISIBLE_CATEGORIES = ["Cf", "Mn", "Me"];
const INVISIBLE = /[\p{Cf}\p{Mn}\p{Me}\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]/gu;
// ASCII and Latin letters only: nothing to fold (a shortcut, the result is the same).
const PLAIN = /^[\x00-\x7f\u00c0-\u024f]*$/;
const UNICODE_DIGIT = /\p{Nd}/u;
const UNICODE_DIGITS = /\p{Nd}/gu;

const SEP = `[${SEPARATORS.replace(/[-\\\]^]/g, "\\$&")}]`;
const DIGIT_RUN = new RegExp(`[0-9]+(?:${SEP}{1,${MAX_GAP}}[0-9]+)*`, "g");
const GROUP = /[0-9]+/g;
const WEIGHTS_1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const WEIGHTS_2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/**
 * The value of a Unicode decimal digit. Unicode encodes each set of decimal digits
 * 0–9 in a contiguous, ascending block, so it is the distance from the block's start.
 * @param {string} char
 */
function digitValue(char) {
  const point = char.codePointAt(0);
  let zero = point;
  while (zero > 0 && UNICODE_DIGIT.test(String.fromCodePoint(zero - 1))) zero -= 1;
  return String((point - zero) % 10);
}

/**
 * Fold compatibility and Unicode digits to ASCII and drop invisible characters.
 * @param {string} text
 */
export function normalise(text) {
  if (PLAIN.test(text)) return text.replace(INVISIBLE, "");
  return text.normalize("NFKC").replace(INVISIBLE, "").replace(UNICODE_DIGITS, digitValue);
}

/**
 * The mod-11 check digit for the digits given, or null when the remainder is 1 (invalid).
 * @param {number[]} digits
 * @param {number[]} weights
 */
function checkDigit(digits, weights) {
  const sum = weights.reduce((total, weight, i) => total + weight * digits[i], 0);
  const rest = 11 - (sum % 11);
  if (rest === 11) return 0;
  if (rest === 10) return null;
  return rest;
}

/** A plausible date: day 1–31 (+40 for D-nummer), month 1–12 (+40 for H-nummer). */
function plausibleDate(d) {
  let day = d[0] * 10 + d[1];
  let month = d[2] * 10 + d[3];
  if (day > 40) day -= 40;
  if (month > 40) month -= 40;
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

/**
 * Whether 11 digits form a valid national identity number.
 * @param {string} number eleven digits
 */
export function isPersonalId(number) {
  if (!/^[0-9]{11}$/.test(number)) return false;
  const d = Array.from(number, Number);
  if (!plausibleDate(d)) return false;
  const k1 = checkDigit(d, WEIGHTS_1);
  if (k1 === null || k1 !== d[9]) return false;
  const k2 = checkDigit(d, WEIGHTS_2);
  return k2 !== null && k2 === d[10];
}

/**
 * [first, last] group of every run of whole consecutive groups holding 11 digits.
 * A group is never cut, so a longer number is not sliced into an identity number; and
 * the run is cut from its neighbours only where the gap is at least as wide as every
 * gap inside it ("41 23 45 67 - 116 117" is a phone number and another number).
 * @param {Array<[number, number]>} groups
 */
function* elevenDigitWindows(groups) {
  const gaps = groups.slice(1).map((group, i) => group[0] - groups[i][1]);
  for (let first = 0; first < groups.length; first += 1) {
    let digits = 0;
    let last = first;
    while (last < groups.length && digits + groups[last][1] - groups[last][0] <= 11) {
      digits += groups[last][1] - groups[last][0];
      last += 1;
    }
    last -= 1;
    const inner = Math.max(0, ...gaps.slice(first, last));
    const cuts = [...gaps.slice(Math.max(first - 1, 0), first), ...gaps.slice(last, last + 1)];
    if (digits === 11 && cuts.every((cut) => cut >= inner)) yield [first, last];
  }
}

/**
 * Whether the groups hold a date with a four-digit year: d.m.yyyy ("5.11.2024 14.30").
 * @param {string} run
 * @param {Array<[number, number]>} groups
 */
function holdsFullDate(run, groups) {
  const sizes = groups.map(([start, end]) => end - start);
  return sizes.slice(2).some((size, k) => sizes[k] <= 2 && sizes[k + 1] <= 2 && size === 4
    && YEAR_CENTURIES.includes(run.slice(groups[k + 2][0], groups[k + 2][0] + 2)));
}

/**
 * Every national identity number in a text, as it reads once normalised.
 * @param {string} text
 * @returns {string[]}
 */
export function findPersonalIds(text) {
  const raw = String(text || "");
  if (PLAIN.test(raw) && (raw.match(/[0-9]/g) || []).length < 11) return []; // common, cheap
  const clean = normalise(raw);
  const found = [];
  for (const run of clean.matchAll(DIGIT_RUN)) {
    if (run[0].length < 11) continue; // fewer than 11 digits: dates, sums, most phone numbers
    let groups = Array.from(run[0].matchAll(GROUP), (g) => [g.index, g.index + g[0].length]);
    const plus = run.index > 0 && clean[run.index - 1] === "+";
    if (plus && groups[0][1] <= MAX_COUNTRY_CODE) groups = groups.slice(1); // country code
    for (const [first, last] of elevenDigitWindows(groups)) {
      const number = run[0].slice(groups[first][0], groups[last][1]);
      if (holdsFullDate(run[0], groups.slice(first, last + 1))) continue;
      if (isPersonalId(number.replace(/[^0-9]/g, ""))) found.push(number);
    }
  }
  return found;
}

/**
 * The first national identity number in a text, or null.
 * @param {string} text
 */
export function findPersonalId(text) {
  return findPersonalIds(text)[0] ?? null;
}
