// Records and their outbox mutations on the device. A save writes both in ONE
// transaction; mutations are frozen once queued (an edit is a new mutation).
import { req, run } from "./db.js";

/**
 * @typedef {"deviation"|"idea"} RecordType
 * @typedef {{mutation_id: string, type: RecordType, op: "create"|"update", record_id: string,
 *   base_version: number|null, client_time: string, data: Object<string, any>, seq?: number}} Mutation
 * @typedef {{kind: "rejected"|"conflict", code: string, message: string,
 *   fields?: Object<string, string[]>, mine: Object<string, any>, op: string}} Problem
 * @typedef {{id: string, type: RecordType, fields: Object<string, any>,
 *   server: Object<string, any>|null, problem: Problem|null, saved_at: string,
 *   seen_version?: number}} LocalRecord  (seen_version: the server version the person has seen)
 */

export const FIELDS = {
  deviation: ["category", "severity", "occurred_at", "location", "description", "immediate_action"],
  idea: ["title", "problem", "proposal", "benefit", "deviation_id"],
};

/** The reporter's own fields of a server record. */
export function fieldsOf(type, serverRecord) {
  return Object.fromEntries(FIELDS[type].map((name) => [name, serverRecord[name] ?? ""]));
}

function countPending(outbox, recordId) {
  return req(outbox.index("record_id").count(IDBKeyRange.only(recordId)));
}

/**
 * Save what the person typed as a record and a new outbox mutation, atomically.
 * Resolves only after the transaction committed.
 * @param {{type: RecordType, id: string, fields: Object<string, any>, draftKey?: string}} input
 * @returns {Promise<Mutation>}
 */
export function saveRecord({ type, id, fields, draftKey }) {
  return run(["records", "outbox", "drafts"], "readwrite", async (tx) => {
    const records = tx.objectStore("records");
    const outbox = tx.objectStore("outbox");
    /** @type {LocalRecord|undefined} */
    const existing = await req(records.get(id));
    const pending = await countPending(outbox, id);
    const serverVersion = existing?.server?.version ?? 0;
    const created = Boolean(existing?.server) || pending > 0;
    const now = new Date().toISOString();
    /** @type {Mutation} */
    const mutation = {
      mutation_id: crypto.randomUUID(), type, op: created ? "update" : "create", record_id: id,
      base_version: created ? serverVersion + pending : null, client_time: now,
      data: { ...fields },
    };
    const problem = existing?.problem?.kind === "conflict" ? existing.problem : null;
    records.put({ id, type, fields: { ...fields }, server: existing?.server ?? null,
      problem, saved_at: now });
    outbox.add(mutation);
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
    const local = record || { id: mutation.record_id, type: mutation.type, fields: mutation.data,
      server: null, problem: null, saved_at: mutation.client_time };
    if (result.record) local.server = result.record;
    const boardOp = mutation.op !== "create" && mutation.op !== "update"; // store/board.js
    if (result.status === "applied" || result.status === "duplicate") {
      if (!boardOp) local.problem = null;
      if (result.record) local.seen_version = result.record.version; // own change: no news
    } else if (boardOp) {
      const error = result.error || {};
      local.boardProblem = { op: mutation.op, code: error.code || result.status,
        message: error.message || "", fields: error.fields, data: mutation.data };
    } else {
      const error = result.error || {};
      local.problem = { kind: result.status, code: error.code || result.status,
        message: error.message || "", fields: error.fields, mine: mutation.data, op: mutation.op };
      if (result.status === "conflict" && result.record) {
        local.fields = fieldsOf(mutation.type, result.record);
      }
    }
    records.put(local);
  });
}

/**
 * Apply the server's answers to one pushed batch: every answered mutation leaves
 * the outbox (rejected and conflict ones are kept on the record as a problem).
 * @param {Mutation[]} batch
 * @param {Array<{mutation_id: string, status: string, record?: object, error?: object}>} results
 */
export function applyPushResults(batch, results) {
  return run(["records", "outbox"], "readwrite", async (tx) => {
    const records = tx.objectStore("records");
    const outbox = tx.objectStore("outbox");
    const byId = new Map(batch.map((m) => [m.mutation_id, m]));
    for (const result of results) {
      const mutation = byId.get(result.mutation_id);
      if (!mutation) continue;
      await answered(records, mutation, result);
      outbox.delete(mutation.seq);
    }
  });
}

async function applyChange(records, outbox, change) {
  const existing = await req(records.get(change.id));
  const pending = await countPending(outbox, change.id);
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
  return run(["records", "outbox", "meta"], "readwrite", async (tx) => {
    const records = tx.objectStore("records");
    const outbox = tx.objectStore("outbox");
    for (const change of changes) await applyChange(records, outbox, change);
    tx.objectStore("meta").put({ key: "cursor", value: cursor });
  });
}

/** After `410 cursor_expired`: drop synced copies (never the outbox) and the cursor. */
export function dropSyncedCopies() {
  return run(["records", "outbox", "meta"], "readwrite", async (tx) => {
    const records = tx.objectStore("records");
    for (const record of await req(records.getAll())) {
      const pending = await countPending(tx.objectStore("outbox"), record.id);
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
