// The fields a reporter writes on each record type: what the form edits, what a
// mutation carries, and what is taken from a server copy.

/** @type {{deviation: string[], idea: string[]}} */
export const FIELDS = {
  deviation: ["category", "severity", "occurred_at", "location", "description", "immediate_action"],
  idea: ["title", "problem", "proposal", "benefit", "deviation_id"],
};

/** The reporter's own fields of a server record. */
export function fieldsOf(type, serverRecord) {
  return Object.fromEntries(FIELDS[type].map((name) => [name, serverRecord[name] ?? ""]));
}
