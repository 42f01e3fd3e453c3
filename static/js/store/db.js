// The only module that opens IndexedDB. One database per person (its name holds
// the user id), so the next person on a shared tablet never reads the previous one's.

const VERSION = 1;
const PREFIX = "steg-user-";

/** @type {string|null} */
let userId = null;
/** @type {Promise<IDBDatabase>|null} */
let opening = null;

/** The upgrade chain: one step per version, never edited once shipped. */
const UPGRADES = [
  (db) => {
    const records = db.createObjectStore("records", { keyPath: "id" });
    records.createIndex("type", "type");
    const outbox = db.createObjectStore("outbox", { keyPath: "seq", autoIncrement: true });
    outbox.createIndex("mutation_id", "mutation_id", { unique: true });
    outbox.createIndex("record_id", "record_id");
    db.createObjectStore("drafts", { keyPath: "key" });
    db.createObjectStore("meta", { keyPath: "key" });
  },
];

/** @param {string|number} id the logged-in person's user id */
export function useUser(id) {
  if (String(id) !== userId) {
    userId = String(id);
    opening = null;
  }
}

export function databaseName(id = userId) {
  return PREFIX + id;
}

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(databaseName(), VERSION);
    request.onupgradeneeded = (event) => {
      for (let v = event.oldVersion; v < VERSION; v += 1) UPGRADES[v](request.result);
    };
    request.onsuccess = () => {
      const db = request.result;
      // A newer version in another tab: let it upgrade, reopen on next use.
      db.onversionchange = () => { db.close(); opening = null; };
      db.onclose = () => { opening = null; };
      resolve(db);
    };
    request.onerror = () => reject(request.error);
    request.onblocked = () => console.warn("IndexedDB upgrade waits for another tab to close");
  });
}

function getDb() {
  if (!userId) return Promise.reject(new Error("no user for the local store"));
  if (!opening) opening = open().catch((error) => { opening = null; throw error; });
  return opening;
}

/** @param {IDBRequest} request */
export function req(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function transaction(stores, mode) {
  try {
    return (await getDb()).transaction(stores, mode);
  } catch (error) {
    if (error.name !== "InvalidStateError") throw error;
    opening = null; // a stale handle ("connection lost"): reopen once
    return (await getDb()).transaction(stores, mode);
  }
}

/**
 * Run `work` in one transaction; resolves with its result once the transaction
 * has COMMITTED. Nothing but IndexedDB may be awaited inside `work`.
 * @template T
 * @param {string[]} stores
 * @param {IDBTransactionMode} mode
 * @param {(tx: IDBTransaction) => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function run(stores, mode, work) {
  const tx = await transaction(stores, mode);
  const done = new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new DOMException("Transaction aborted", "AbortError"));
  });
  let result;
  try {
    result = await work(tx);
  } catch (error) {
    try { tx.abort(); } catch { /* already finished */ }
    await done.catch(() => {});
    throw error;
  }
  await done;
  return result;
}

/** Delete one person's local database (used at logout when nothing is unsent). */
export async function deleteUserDatabase(id = userId) {
  if (String(id) === userId) {
    const handle = opening;
    userId = null; // nothing may reopen it now
    opening = null;
    (await handle?.catch(() => null))?.close();
  }
  await new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(databaseName(id));
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve(); // deleted once other tabs close it
  });
}

/** Whether another person's local database is on this device (ours may still be closing). */
export async function otherUserDatabaseLeft(id) {
  if (!indexedDB.databases) return true; // cannot tell: assume someone's data is here
  const ours = databaseName(id);
  const databases = await indexedDB.databases();
  return databases.some((db) => db.name?.startsWith(PREFIX) && db.name !== ours);
}
