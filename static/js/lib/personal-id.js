// Norwegian national identity numbers (fødselsnummer, D-nummer, H-nummer) in free
// text: 11 digits, optionally a space after the 6-digit date, two valid mod-11
// check digits and a plausible date. The server runs the same rule
// (app/services/personal_id.py, docs/personal-id.md); both pass tests/vectors/personal_id.json.

const WEIGHTS_1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const WEIGHTS_2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
const CANDIDATE = /(?<!\d)(\d{6}) ?(\d{5})(?!\d)/g;

/**
 * The check digit for the digits given, or null when the remainder is 1 (invalid).
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
  if (!/^\d{11}$/.test(number)) return false;
  const d = Array.from(number, Number);
  if (!plausibleDate(d)) return false;
  const k1 = checkDigit(d, WEIGHTS_1);
  if (k1 === null || k1 !== d[9]) return false;
  const k2 = checkDigit(d, WEIGHTS_2);
  return k2 !== null && k2 === d[10];
}

/**
 * The first national identity number in a text, or null.
 * @param {string} text
 */
export function findPersonalId(text) {
  for (const match of String(text || "").matchAll(CANDIDATE)) {
    if (isPersonalId(match[1] + match[2])) return match[0];
  }
  return null;
}
