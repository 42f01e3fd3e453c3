// The words for codes (statuses, severities, events) and the field specs of the two
// forms. The words come from the server's one table (app/labels.py) in the
// catalog; there is no copy of them here. A code without a word reads "Change".
import { _, labelTables } from "../lib/i18n.js";

function word(table, code) {
  const tables = labelTables();
  return (table && table[code]) || tables.unknown || "Change";
}

export function statusLabel(type, status) {
  const tables = labelTables().status || {};
  return word(tables[type === "deviation" ? "deviation" : "idea"], status);
}

/** The words for an event of a record's history (app/labels.py EVENT_ACTION). */
export function eventLabel(action) {
  return word(labelTables().event, action);
}

/** The names of PDSA notes ("pdsa_plan" → "Plan"). */
export function pdsaLabel(field) {
  return word(labelTables().pdsa, field);
}

export function recordTypeLabel(type) {
  return word(labelTables().record_type, type);
}

export function severityOptions() {
  const words = labelTables().severity || {};
  return ["low", "moderate", "high", "critical"].map((code) => [code, word(words, code)]);
}

/** @returns {import("./fields.js").FieldSpec[]} */
export function deviationFields(categories) {
  return [
    { name: "category", label: _("Category"), kind: "select", required: true,
      options: categories.map((c) => [c.code, c.label]),
      help: categories.some((c) => c.retired)
        ? _("This record's category is retired. You can keep it here, but new records cannot choose it.")
        : undefined },
    { name: "severity", label: _("Severity"), kind: "select", required: true,
      options: severityOptions() },
    { name: "occurred_at", label: _("Time"), kind: "datetime", required: true },
    { name: "location", label: _("Place"), freeText: true,
      help: _("For example \"bathroom\" or \"car\". Never a client's address.") },
    { name: "description", label: _("What happened?"), kind: "textarea", required: true,
      freeText: true, help: _("Describe what happened. Do not write names or national identity numbers.") },
    { name: "immediate_action", label: _("Immediate action"), kind: "textarea", freeText: true },
  ];
}

/** @returns {import("./fields.js").FieldSpec[]} */
export function ideaFields() {
  return [
    { name: "title", label: _("Title"), required: true, freeText: true },
    { name: "problem", label: _("Current situation"), kind: "textarea", required: true,
      freeText: true, help: _("Do not write names or national identity numbers.") },
    { name: "proposal", label: _("Proposal"), kind: "textarea", required: true, freeText: true },
    { name: "benefit", label: _("Expected benefit"), kind: "textarea", freeText: true },
  ];
}

/** Where a record is: only on this device, sending, sent, or needs attention. */
export function whereLabel(record, unsentIds, sendingIds) {
  if (record.problem?.kind === "rejected") return { key: "problem", text: _("Needs attention") };
  if (sendingIds.has(record.id)) return { key: "sending", text: _("Sending…") };
  if (unsentIds.has(record.id)) return { key: "local", text: _("Only on this device") };
  if (record.problem?.kind === "conflict") return { key: "conflict", text: _("Changed by your leader") };
  return { key: "sent", text: _("Sent") };
}

export function recordTitle(record, categories) {
  const f = record.fields || {};
  if (record.type === "idea") return f.title || _("Improvement idea");
  const category = categories.find((c) => c.code === f.category);
  return _("Deviation: {category}", { category: category ? category.label : f.category || "" });
}
