// The words for codes: statuses, severities, field specs of the two forms.
import { _ } from "../lib/i18n.js";

export function statusLabel(type, status) {
  const deviation = { new: _("New"), in_progress: _("Being handled"), closed: _("Closed") };
  const idea = {
    new: _("New"), under_review: _("Under review"), approved: _("Approved"),
    in_progress: _("Being worked on"), done: _("Done"), rejected: _("Rejected"), parked: _("Parked"),
  };
  return (type === "deviation" ? deviation : idea)[status] || status;
}

/** The words for an event of a record's history (the same table as app/web/labels.py EVENT_ACTION). */
export function eventLabel(action) {
  const words = {
    created: _("Reported"), updated: _("Edited by the reporter"), status_changed: _("Status changed"),
    measure_added: _("Measure added"), measure_done: _("Measure done"),
    measure_reopened: _("Measure reopened"),
    idea_created_from_deviation: _("Improvement idea made from this deviation"),
    created_from_deviation: _("Made from a deviation"), commented: _("Comment"),
    supported: _("Supported"), unsupported: _("Support withdrawn"),
    just_done: _("Done straight away"), pdsa_updated: _("PDSA notes updated"),
  };
  return words[action] || action;
}

export function severityOptions() {
  return [["low", _("Low")], ["moderate", _("Moderate")], ["high", _("High")],
    ["critical", _("Critical")]];
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
