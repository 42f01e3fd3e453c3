// The browser's identity-number guard against the shared vectors: `node --test tests/js/`
// (tests/unit/test_personal_id_twin.py runs it in the Python suite too).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import {
  INVISIBLE_CATEGORIES, MAX_COUNTRY_CODE, MAX_GAP, SEPARATORS, YEAR_CENTURIES,
  findPersonalId, findPersonalIds,
  isPersonalId, normalise,
} from "../../static/js/lib/personal-id.js";

const vectors = JSON.parse(
  readFileSync(new URL("../vectors/personal_id.json", import.meta.url), "utf8"));

test("the rule is the one declared with the vectors", () => {
  assert.equal(SEPARATORS, vectors.rule.separators);
  assert.equal(MAX_GAP, vectors.rule.max_gap);
  assert.equal(MAX_COUNTRY_CODE, vectors.rule.max_country_code);
  assert.deepEqual([...INVISIBLE_CATEGORIES].sort(), vectors.rule.invisible_categories);
  assert.deepEqual(YEAR_CENTURIES, vectors.rule.year_centuries);
});

test("every text with a national identity number is caught", () => {
  const missed = vectors.contains.filter((text) => findPersonalId(text) === null);
  assert.deepEqual(missed, []);
});

test("no text without one is caught", () => {
  const caught = vectors.clean.filter((text) => findPersonalId(text) !== null);
  assert.deepEqual(caught, []);
});

test("numbers are returned as they read once normalised", () => {
  assert.deepEqual(findPersonalIds("fnr 010190 10046 og 24128510180"),
    ["010190 10046", "24128510180"]);
  assert.deepEqual(findPersonalIds("０１０１\u200b０１-１２３７７"), ["010101-12377"]);
  assert.equal(normalise("０１\u00ad٢\u200b३\ufeff4\u20e3"), "01234");
});

test("D-nummer and H-nummer, one wrong check digit, impossible dates", () => {
  assert.ok(isPersonalId("45038210150"));
  assert.ok(isPersonalId("01459010099"));
  assert.ok(!isPersonalId("24128510181"));
  assert.ok(!isPersonalId("00019010007"));
});
