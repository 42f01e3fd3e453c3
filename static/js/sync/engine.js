// The sync engine: one run at a time across tabs (navigator.locks), a fresh
// session and CSRF token first, push in batches, then pull every page.
// Network errors and 5xx back off with jitter; a 401 keeps everything and waits
// for the person to log in again. A 403 csrf_failed renews the token once; any
// other 403 puts the batch under "Må rettes" (never retried as it is).
import { deviceId, getMeta, setMeta } from "../store/kv.js";
import { applyPullPage, applyPushResults, dropSyncedCopies, listRecords } from "../store/records.js";
import { ApiError, getSession, pull, push } from "./api.js";
import { countUnsent, pendingMutations } from "./outbox.js";

const MAX_BATCH = 100;
const MAX_DELAY_MS = 5 * 60 * 1000;

/**
 * @typedef {{online: boolean, running: boolean, unsent: number, problems: number,
 *   lastSyncAt: string|null, failure: string|null, failureText: string,
 *   progress: {sent: number, total: number}|null, sending: Set<string>}} SyncState
 */
/** @type {SyncState} */
const state = {
  online: navigator.onLine, running: false, unsent: 0, problems: 0, lastSyncAt: null,
  failure: null, failureText: "", progress: null, sending: new Set(),
};
const listeners = new Set();
const endListeners = new Set();
let userId = null;
let again = false;
let failures = 0;
let retryTimer = null;

/** @param {(state: SyncState) => void} listener */
export function onSyncState(listener) {
  listeners.add(listener);
  listener(state);
}

function update(changes) {
  Object.assign(state, changes);
  for (const listener of listeners) listener(state);
}

/** @param {(state: SyncState) => void} listener called each time a sync run has ended */
export function onSyncEnd(listener) {
  endListeners.add(listener);
}

export function syncState() {
  return state;
}

/** @param {string|number} id */
export async function startEngine(id) {
  userId = String(id);
  update({ lastSyncAt: (await getMeta("last_sync")) || null });
  await refreshCounts();
}

export async function refreshCounts() {
  const [unsent, records] = await Promise.all([countUnsent(), listRecords()]);
  update({ unsent, problems: records.filter((r) => r.problem).length, online: navigator.onLine });
}

/** Run a sync now (or once more after the one that is running). */
export async function syncNow() {
  if (state.running) {
    again = true;
    return;
  }
  update({ running: true });
  try {
    do {
      again = false;
      await (navigator.locks
        ? navigator.locks.request(`steg-sync-${userId}`, runOnce)
        : runOnce());
    } while (again);
  } finally {
    update({ running: false, progress: null, sending: new Set() });
    for (const listener of endListeners) listener(state);
  }
}

async function runOnce() {
  clearTimeout(retryTimer);
  if (!navigator.onLine) {
    update({ online: false, failure: null });
    return;
  }
  update({ online: true });
  try {
    const session = await getSession();
    if (String(session.user.id) !== userId) throw new ApiError("auth", 401, null);
    await setMeta("session", session);
    await pushAll(session.csrf_token);
    await pullAll();
    const now = new Date().toISOString();
    await setMeta("last_sync", now);
    failures = 0;
    update({ lastSyncAt: now, failure: null, failureText: "", online: true });
  } catch (error) {
    failed(error);
  } finally {
    await refreshCounts();
  }
}

function failed(error) {
  const kind = error instanceof ApiError ? error.kind : error.name || "other";
  update({ failure: kind, failureText: error.message || "" });
  if (error instanceof ApiError && error.transient) {
    failures += 1;
    const delay = Math.min(MAX_DELAY_MS, 2000 * 2 ** failures) * (0.5 + Math.random());
    retryTimer = setTimeout(() => syncNow(), delay);
  }
}

async function pushAll(token) {
  let csrf = token;
  let size = MAX_BATCH;
  let renewed = false;
  const device = await deviceId();
  const total = await countUnsent();
  let sent = 0;
  for (;;) {
    const batch = await pendingMutations(size);
    if (!batch.length) return;
    update({ progress: { sent, total }, sending: new Set(batch.map((m) => m.record_id)) });
    let answer;
    try {
      answer = await push(csrf, device, batch);
    } catch (error) {
      if (error.kind === "too_large") {
        if (batch.length > 1) size = Math.floor(batch.length / 2);
        else await refuseLocally(batch, error); // one item too big: never block the rest
        continue;
      }
      if (error.kind === "forbidden") {
        await refuseLocally(batch, error); // "Må rettes": no new token or retry changes a refusal
        continue;
      }
      if (error.kind === "csrf" && !renewed) {
        renewed = true;
        csrf = (await getSession()).csrf_token;
        continue;
      }
      throw error;
    }
    if (!answer.results?.length) throw new ApiError("server", 200, null);
    await applyPushResults(batch, answer.results);
    sent += answer.results.length;
    update({ progress: { sent, total }, unsent: Math.max(0, total - sent) });
  }
}

/** The server refused these as a whole: each needs the person's attention. */
function refuseLocally(batch, error) {
  const results = batch.map((mutation) => ({ mutation_id: mutation.mutation_id, status: "rejected",
    error: { code: error.code, message: error.message } }));
  return applyPushResults(batch, results);
}

async function pullAll() {
  let cursor = await getMeta("cursor");
  for (;;) {
    let page;
    try {
      page = await pull(cursor);
    } catch (error) {
      if (error.kind !== "gone" || !cursor) throw error;
      await dropSyncedCopies();
      cursor = undefined;
      continue;
    }
    await applyPullPage(page.changes, page.cursor);
    cursor = page.cursor;
    if (!page.has_more) return;
  }
}
