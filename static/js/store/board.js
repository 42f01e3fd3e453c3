// The unit's board on the device: the pulled ideas, and the board's own mutations
// (support, comment, "bare gjør det", PDSA) waiting in the outbox. A board op
// never changes the stored record: the view lays the waiting ops over the
// server copy, so what the person did shows at once, and the server's answer
// (or the next pull) replaces it.
import { allWaiting, enqueue, OUTBOX } from "../sync/outbox.js";
import { req, run } from "./db.js";

export const BOARD_OPS = ["support", "unsupport", "comment", "just_do_it", "pdsa"];

/**
 * Queue one board op on an idea, offline. Resolves once the outbox holds it.
 * @param {string} recordId
 * @param {"support"|"unsupport"|"comment"|"just_do_it"|"pdsa"} op
 * @param {Object<string, any>} data
 */
export function queueBoardOp(recordId, op, data = {}) {
  return run([OUTBOX, "records"], "readwrite", async (tx) => {
    const records = tx.objectStore("records");
    const record = await req(records.get(recordId));
    if (record?.boardProblem) records.put({ ...record, boardProblem: null }); // a new try
    return enqueue(tx, { type: "idea", op, recordId, data });
  });
}

/** The person's own record ("Mine saker"), not a colleague's idea pulled for the board. */
export function isOwn(record, userId) {
  return !record.server || record.server.reporter?.id === userId;
}

/** Every idea this device holds from the server (the person's own and the unit's). */
export async function boardIdeas() {
  const all = await run(["records"], "readonly",
    (tx) => req(tx.objectStore("records").index("type").getAll("idea")));
  return all.filter((record) => record.server);
}

/** The board ops still waiting, by record id, oldest first. */
export async function pendingBoardOps() {
  const byRecord = new Map();
  for (const m of await allWaiting()) {
    if (!BOARD_OPS.includes(m.op)) continue;
    if (!byRecord.has(m.record_id)) byRecord.set(m.record_id, []);
    byRecord.get(m.record_id).push(m);
  }
  return byRecord;
}

/** Forget the refusal of a board op the person has read. */
export function dismissBoardProblem(id) {
  return run(["records"], "readwrite", async (tx) => {
    const records = tx.objectStore("records");
    const record = await req(records.get(id));
    if (record) records.put({ ...record, boardProblem: null });
  });
}

/**
 * An idea as the board shows it: the server copy with the waiting ops laid over it.
 * @param {Object<string, any>} server the idea as last pulled or answered
 * @param {Array<Object<string, any>>} pending its waiting board ops, oldest first
 * @param {number} me the person's user id
 */
export function withPending(server, pending, me) {
  const idea = { ...server, supporter_ids: [...(server.supporter_ids || [])],
    events: [...(server.events || [])] };
  for (const m of pending || []) {
    const at = m.client_time;
    const has = idea.supporter_ids.includes(me);
    if (m.op === "support" && !has) idea.supporter_ids.push(me);
    if (m.op === "unsupport" && has) idea.supporter_ids = idea.supporter_ids.filter((id) => id !== me);
    if (m.op === "comment") {
      idea.events.push({ at, actor: { id: me }, action: "commented", comment: m.data.text, pending: true });
    }
    if (m.op === "pdsa") Object.assign(idea, m.data);
    if (m.op === "just_do_it") {
      Object.assign(idea, { status: "done", learning: m.data.learning, status_changed_at: at });
    }
  }
  return idea;
}
