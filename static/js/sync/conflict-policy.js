// What the tablet does with the server's answer to one mutation. Every answer is
// final: the mutation leaves the outbox whatever it says (sync/outbox.js), and
// what the person must know is kept on the record here.
// - applied, duplicate: the server copy is kept; the person's own change is no
//   news to them; a problem with the record's texts is over.
// - rejected: the person's text is kept on the record as a problem ("Må rettes"),
//   with the reason per field; they correct it and it goes as a new mutation.
// - conflict: the server copy wins (a leader decided first) and the record shows
//   it; the person's text is kept in the problem, so nothing typed is lost.
// - a board op (support, comment, ...) refused: kept apart as the record's
//   boardProblem, since the idea itself is not the person's text.
import { fieldsOf } from "../store/record-fields.js";

const RECORD_OPS = ["create", "update"];

/**
 * @typedef {{mutation_id: string, status: "applied"|"duplicate"|"rejected"|"conflict",
 *   record?: Object<string, any>, error?: {code?: string, message?: string,
 *   fields?: Object<string, string[]>}}} PushResult
 */

/**
 * The local record after the server's answer to one of its mutations.
 * @param {import("../store/records.js").LocalRecord|undefined} record as stored, if any
 * @param {import("./outbox.js").Mutation} mutation
 * @param {PushResult} result
 * @returns {import("../store/records.js").LocalRecord}
 */
export function settle(record, mutation, result) {
  const local = { ...(record || { id: mutation.record_id, type: mutation.type,
    fields: mutation.data, server: null, problem: null, saved_at: mutation.client_time }) };
  if (result.record) local.server = result.record;
  const boardOp = !RECORD_OPS.includes(mutation.op);
  if (result.status === "applied" || result.status === "duplicate") {
    if (!boardOp) local.problem = null;
    if (result.record) local.seen_version = result.record.version; // own change: no news
    return local;
  }
  const error = result.error || {};
  const reason = { code: error.code || result.status, message: error.message || "",
    fields: error.fields };
  if (boardOp) {
    local.boardProblem = { op: mutation.op, ...reason, data: mutation.data };
    return local;
  }
  local.problem = { kind: result.status, ...reason, mine: mutation.data, op: mutation.op };
  if (result.status === "conflict" && result.record) {
    local.fields = fieldsOf(mutation.type, result.record); // the server copy wins
  }
  return local;
}
