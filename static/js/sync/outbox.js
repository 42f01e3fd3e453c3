// The outbox: typed mutations waiting for the server, oldest first.
import { req, run } from "../store/db.js";

/**
 * The oldest `limit` mutations still waiting.
 * @param {number} limit
 * @returns {Promise<import("../store/records.js").Mutation[]>}
 */
export function pendingMutations(limit) {
  return run(["outbox"], "readonly", (tx) => req(tx.objectStore("outbox").getAll(null, limit)));
}

/** How many mutations have not reached the server. */
export function countUnsent() {
  return run(["outbox"], "readonly", (tx) => req(tx.objectStore("outbox").count()));
}

/** The ids of records with something in the outbox. */
export async function unsentRecordIds() {
  const all = await run(["outbox"], "readonly", (tx) => req(tx.objectStore("outbox").getAll()));
  return new Set(all.map((m) => m.record_id));
}
