// Runs the tablet's labels and dates under node for the Python tests: reads
// {"lang", "catalog", "instants": [...], "days": [...], "codes": {...}} on stdin
// (the catalog as /app/i18n/<lang>.json serves it) and writes what the tablet shows.
import { readFileSync } from "node:fs";
import { formatDate, formatTime, useCatalog } from "../../static/js/lib/i18n.js";
import { eventLabel, pdsaLabel, severityOptions, statusLabel } from "../../static/js/ui/labels.js";

const { lang, catalog, instants = [], days = [], codes = {} } = JSON.parse(readFileSync(0, "utf8"));
useCatalog(lang, catalog);
const status = {};
for (const [type, list] of Object.entries(codes.status || {})) {
  status[type] = Object.fromEntries(list.map((code) => [code, statusLabel(type, code)]));
}
process.stdout.write(JSON.stringify({
  status,
  event: Object.fromEntries((codes.event || []).map((code) => [code, eventLabel(code)])),
  pdsa: Object.fromEntries((codes.pdsa || []).map((code) => [code, pdsaLabel(code)])),
  severity: Object.fromEntries(severityOptions()),
  datetimes: instants.map((value) => formatTime(value)),
  dates: [...instants, ...days].map((value) => formatDate(value)),
}));
