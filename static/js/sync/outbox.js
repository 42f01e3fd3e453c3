// The outbox: typed mutations waiting for the server. The ONLY module that writes
// it. A mutation is frozen once queued (an edit is a new mutation), and leaves
// only when the server answered that very mutation. Writers that must change a
// record in the same breath (store/records.js, store/board.js) pass their open
// transaction, which must include OUTBOX.
//
// Send order: a critical deviation first, otherwise oldest first. The order is
// by record, so each record's own mutations keep the order they were made in
// (a create is never sent after its update).
import { req, run } from "../store/db.js";

export const OUTBOX = "outbox";

/**
 * @typedef {"deviation"|"idea"} RecordType
 * @typedef {"create"|"update"|"support"|"unsupport"|"comment"|"just_do_it"|"pdsa"} Op
 * @typedef {{mutation_id: string, type: RecordType, op: Op, record_id: string,
 *   base_version: number|null, client_time: string, data: Object<string, any>, seq?: number}} Mutation
 */

/**
 * Queue one mutation in an open readwrite transaction; returns it as queued.
 * @param {IDBTransaction} tx
 * @param {{type: RecordType, op: Op, recordId: string, baseVersion?: number|null,
 *   data: Object<string, any>}} what
 * @returns {Mutation}
 */
export function enqueue(tx, { type, op, recordId, baseVersion = null, data }) {
  const mutation = {
    mutation_id: crypto.randomUUID(), type, op, record_id: recordId,
    base_version: baseVersion, client_time: new Date().toISOString(), data: { ...data },
  };
  tx.objectStore(OUTBOX).add(mutation);
  return mutation;
}

/**
 * The server answered this mutation: it leaves the outbox (in the caller's transaction).
 * @param {IDBTransaction} tx
 * @param {Mutation} mutation
 */
export function remove(tx, mutation) {
  tx.objectStore(OUTBOX).delete(mutation.seq);
}

/**
 * How many mutations of one record are waiting (in the caller's transaction).
 * @param {IDBTransaction} tx
 * @param {string} recordId
 * @returns {Promise<number>}
 */
export function waitingFor(tx, recordId) {
  return req(tx.objectStore(OUTBOX).index("record_id").count(IDBKeyRange.only(recordId)));
}

/** @returns {Promise<Mutation[]>} every waiting mutation, in the order they were queued */
export function allWaiting() {
  return run([OUTBOX], "readonly", (tx) => req(tx.objectStore(OUTBOX).getAll()));
}

/** Whether the person says someone may be in danger: such a record goes first. */
export function isUrgent(mutation) {
  return mutation.type === "deviation" && mutation.data?.severity === "critical";
}

/**
 * The order to send in: the mutations of records whose latest waiting mutation is
 * urgent, then the rest; each group oldest first (by `seq`).
 * @param {Mutation[]} mutations
 * @returns {Mutation[]}
 */
export function sendOrder(mutations) {
  const queued = [...mutations].sort((a, b) => a.seq - b.seq);
  const latest = new Map(queued.map((m) => [m.record_id, m]));
  const urgent = (m) => isUrgent(latest.get(m.record_id));
  return [...queued.filter(urgent), ...queued.filter((m) => !urgent(m))];
}

/**
 * The next `limit` mutations to send.
 * @param {number} limit
 * @returns {Promise<Mutation[]>}
 */
export async function pendingMutations(limit) {
  return sendOrder(await allWaiting()).slice(0, limit);
}

/** How many mutations have not reached the server. */
export function countUnsent() {
  return run([OUTBOX], "readonly", (tx) => req(tx.objectStore(OUTBOX).count()));
}

/** The ids of records with something in the outbox. */
export async function unsentRecordIds() {
  return new Set((await allWaiting()).map((m) => m.record_id));
}
