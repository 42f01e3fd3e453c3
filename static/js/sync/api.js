// The API client: the three sync calls, and every failure sorted into a kind the
// engine can act on. Network errors never throw past here unclassified.

/**
 * @typedef {"network"|"auth"|"csrf"|"forbidden"|"too_large"|"server"|"gone"|"bad_request"|"other"} FailureKind
 * ("csrf": 403 csrf_failed, fetch a new token and retry; "forbidden": any other 403,
 * a refusal that no new token changes)
 */
export class ApiError extends Error {
  /** @param {FailureKind} kind @param {number} status @param {object|null} body */
  constructor(kind, status, body) {
    super(body?.error?.message || `${kind} (${status})`);
    this.kind = kind;
    this.status = status;
    this.code = body?.error?.code || kind;
  }

  get transient() {
    return this.kind === "network" || this.kind === "server";
  }
}

function kindOf(status, body) {
  if (status === 401) return "auth";
  if (status === 403) return body?.error?.code === "csrf_failed" ? "csrf" : "forbidden";
  if (status === 413) return "too_large";
  if (status === 410) return "gone";
  if (status === 400) return "bad_request";
  if (status === 429 || status >= 500) return "server";
  return "other";
}

async function call(url, options = {}) {
  let response;
  try {
    response = await fetch(url, {
      credentials: "same-origin", cache: "no-store", redirect: "manual",
      ...options, headers: { Accept: "application/json", ...(options.headers || {}) },
    });
  } catch {
    throw new ApiError("network", 0, null);
  }
  // A redirect (e.g. to the login page) means the session is gone.
  if (response.type === "opaqueredirect") throw new ApiError("auth", 401, null);
  let body = null;
  try { body = await response.json(); } catch { body = null; }
  if (!response.ok) throw new ApiError(kindOf(response.status, body), response.status, body);
  if (body === null) throw new ApiError("server", response.status, null);
  return body;
}

/** GET /api/v1/session: who is logged in, the unit's categories and a fresh CSRF token. */
export function getSession() {
  return call("/api/v1/session");
}

/**
 * POST /api/v1/sync/push
 * @param {string} csrf
 * @param {string} deviceId
 * @param {import("../store/records.js").Mutation[]} mutations
 */
export function push(csrf, deviceId, mutations) {
  const body = mutations.map(({ seq, ...mutation }) => mutation);
  return call("/api/v1/sync/push", {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
    body: JSON.stringify({ device_id: deviceId, mutations: body }),
  });
}

/** GET /api/v1/sync/pull?cursor=C */
export function pull(cursor) {
  const query = new URLSearchParams({ limit: "200" });
  if (cursor) query.set("cursor", cursor);
  return call(`/api/v1/sync/pull?${query}`);
}
