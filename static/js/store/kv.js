// Small key-value stores: sync metadata (cursor, last sync, device id) and drafts.
import { req, run } from "./db.js";

/** @param {string} key */
export async function getMeta(key) {
  const row = await run(["meta"], "readonly", (tx) => req(tx.objectStore("meta").get(key)));
  return row ? row.value : undefined;
}

/** @param {string} key @param {any} value */
export function setMeta(key, value) {
  return run(["meta"], "readwrite", async (tx) => {
    tx.objectStore("meta").put({ key, value });
  });
}

/** A stable id for this browser profile and person, made once. */
export async function deviceId() {
  let id = await getMeta("device_id");
  if (!id) {
    id = crypto.randomUUID();
    await setMeta("device_id", id);
  }
  return id;
}

/** @param {string} key @param {Object<string, any>} values */
export function saveDraft(key, values) {
  return run(["drafts"], "readwrite", async (tx) => {
    tx.objectStore("drafts").put({ key, values, at: new Date().toISOString() });
  });
}

/** @param {string} key @returns {Promise<Object<string, any>|undefined>} */
export async function loadDraft(key) {
  const row = await run(["drafts"], "readonly", (tx) => req(tx.objectStore("drafts").get(key)));
  return row ? row.values : undefined;
}

/** @param {string} key */
export function deleteDraft(key) {
  return run(["drafts"], "readwrite", async (tx) => {
    tx.objectStore("drafts").delete(key);
  });
}
