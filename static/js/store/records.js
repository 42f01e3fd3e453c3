// Records on the device. A save writes the record and its outbox mutation in ONE
// transaction (the mutation through sync/outbox.js, the outbox's only writer).
import { settle } from "../sync/conflict-policy.js";
import { enqueue, OUTBOX, remove, waitingFor } from "../sync/outbox.js";
import { req, run } from "./db.js";
import { fieldsOf } from "./record-fields.js";

export { FIELDS, fieldsOf } from "./record-fields.js";

/**
 * @typedef {import("../sync/outbox.js").RecordType} RecordType
 * @typedef {import("../sync/outbox.js").Mutation} Mutation
 * @typedef {{kind: "rejected"|"conflict", code: string, message: string,
 *   fields?: Object<string, string[]>, mine: Object<string, any>, op: string}} Problem
 * @typedef {{id: string, type: RecordType, fields: Object<string, any>,
 *   server: Object<string, any>|null, problem: Problem|null, saved_at: string,
 *   seen_version?: number}} LocalRecord  (seen_version: the server version the person has seen)
 */

/**
 * Save what the person typed as a record and a new outbox mutation, atomically.
 * Resolves only after the transaction committed.
 * @param {{type: RecordType, id: string, fields: Object<string, any>, draftKey?: string}} input
 * @returns {Promise<Mutation>}
 */
export function saveRecord({ type, id, fields, draftKey }) {
  return run(["records", OUTBOX, "drafts"], "readwrite", async (tx) => {
    const records = tx.objectStore("records");
    /** @type {LocalRecord|undefined} */
    const existing = await req(records.get(id));
    const pending = await waitingFor(tx, id);
    const serverVersion = existing?.server?.version ?? 0;
    const created = Boolean(existing?.server) || pending > 0;
    const mutation = enqueue(tx, { type, op: created ? "update" : "create", recordId: id,
      baseVersion: created ? serverVersion + pending : null, data: fields });
    const problem = existing?.problem?.kind === "conflict" ? existing.problem : null;
    records.put({ id, type, fields: { ...fields }, server: existing?.server ?? null,
      problem, saved_at: mutation.client_time });
    if (draftKey) tx.objectStore("drafts").delete(draftKey);
    return mutation;
  });
}

/** @returns {Promise<LocalRecord[]>} newest first */
export async function listRecords() {
  const all = await run(["records"], "readonly", (tx) => req(tx.objectStore("records").getAll()));
  return all.sort((a, b) => String(b.saved_at).localeCompare(String(a.saved_at)));
}

/** @returns {Promise<LocalRecord|undefined>} */
export function getRecord(id) {
  return run(["records"], "readonly", (tx) => req(tx.objectStore("records").get(id)));
}

function answered(records, mutation, result) {
  return req(records.get(mutation.record_id)).then((record) => {
    records.put(settle(record, mutation, result)); // sync/conflict-policy.js
  });
}

/**
 * Apply the server's answers to one pushed batch: every answered mutation leaves
 * the outbox (rejected and conflict ones are kept on the record as a problem).
 * @param {Mutation[]} batch
 * @param {Array<{mutation_id: string, status: string, record?: object, error?: object}>} results
 */
export function applyPushResults(batch, results) {
  return run(["records", OUTBOX], "readwrite", async (tx) => {
    const records = tx.objectStore("records");
    const byId = new Map(batch.map((m) => [m.mutation_id, m]));
    for (const result of results) {
      const mutation = byId.get(result.mutation_id);
      if (!mutation) continue;
      await answered(records, mutation, result);
      remove(tx, mutation);
    }
  });
}

async function applyChange(tx, change) {
  const records = tx.objectStore("records");
  const existing = await req(records.get(change.id));
  const pending = await waitingFor(tx, change.id);
  if (change.deleted) {
    if (!pending) records.delete(change.id);
    return;
  }
  if (existing?.server && existing.server.version > change.version) return;
  const fresh = change.record.status === "new"; // nothing decided yet: no news
  const record = existing || { id: change.id, type: change.type, problem: null,
    saved_at: change.record.created_at, seen_version: fresh ? change.version : 0 };
  // A colleague's support or comment on the board is no answer from the leader.
  const seen = existing?.server && (existing.seen_version ?? 0) >= existing.server.version;
  if (seen && !answerChanged(existing.server, change.record)) record.seen_version = change.version;
  record.server = change.record;
  if (!pending) record.fields = fieldsOf(change.type, change.record);
  records.put(record);
}

const ANSWER = ["status", "decision_comment", "responsible", "due_date", "closing_summary",
  "measures", "learning"];

/** Whether what the leader decided changed between two server copies. */
function answerChanged(before, after) {
  return ANSWER.some((name) => JSON.stringify(before[name] ?? null) !== JSON.stringify(after[name] ?? null));
}

/**
 * Store one pulled page and the new cursor in ONE transaction.
 * @param {Array<{type: RecordType, id: string, version: number, deleted: boolean, record: object}>} changes
 * @param {string} cursor
 */
export function applyPullPage(changes, cursor) {
  return run(["records", OUTBOX, "meta"], "readwrite", async (tx) => {
    for (const change of changes) await applyChange(tx, change);
    tx.objectStore("meta").put({ key: "cursor", value: cursor });
  });
}

/** After `410 cursor_expired`: drop synced copies (never the outbox) and the cursor. */
export function dropSyncedCopies() {
  return run(["records", OUTBOX, "meta"], "readwrite", async (tx) => {
    const records = tx.objectStore("records");
    for (const record of await req(records.getAll())) {
      const pending = await waitingFor(tx, record.id);
      if (!pending && !record.problem) records.delete(record.id);
    }
    tx.objectStore("meta").delete("cursor");
  });
}

/** The leader changed it since the person last looked. */
export function hasNews(record) {
  return Boolean(record.server) && record.server.version > (record.seen_version ?? 0);
}

/** The person has now seen the server's latest version. */
export function markSeen(id) {
  return run(["records"], "readwrite", async (tx) => {
    const records = tx.objectStore("records");
    const record = await req(records.get(id));
    if (record?.server) records.put({ ...record, seen_version: record.server.version });
  });
}

/** Forget a problem the person has seen and dealt with. */
export function dismissProblem(id) {
  return run(["records"], "readwrite", async (tx) => {
    const records = tx.objectStore("records");
    const record = await req(records.get(id));
    if (record) records.put({ ...record, problem: null });
  });
}
