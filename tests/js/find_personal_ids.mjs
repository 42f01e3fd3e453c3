// Runs the browser's identity-number guard under node for the Python tests and the bench:
// reads {"texts": [...]} on stdin, writes {"rule": {...}, "found": [[...], ...], "ms": n}.
import { readFileSync } from "node:fs";
import {
  INVISIBLE_CATEGORIES, MAX_COUNTRY_CODE, MAX_GAP, SEPARATORS, YEAR_CENTURIES, findPersonalIds,
} from "../../static/js/lib/personal-id.js";

const { texts } = JSON.parse(readFileSync(0, "utf8"));
const started = performance.now();
const found = texts.map((text) => findPersonalIds(text));
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({
  rule: { separators: SEPARATORS, max_gap: MAX_GAP, max_country_code: MAX_COUNTRY_CODE,
    year_centuries: YEAR_CENTURIES, invisible_categories: INVISIBLE_CATEGORIES },
  found,
  ms,
}));
