// The outbox's send order and the conflict policy, under node: `node --test tests/js/`.
import assert from "node:assert/strict";
import { test } from "node:test";
import { settle } from "../../static/js/sync/conflict-policy.js";
import { sendOrder } from "../../static/js/sync/outbox.js";

let seq = 0;
function queued(recordId, { type = "deviation", op = "create", severity = "low" } = {}) {
  seq += 1;
  const data = type === "deviation" ? { severity, description: `${recordId} #${seq}` } : { title: recordId };
  return { seq, mutation_id: `m${seq}`, type, op, record_id: recordId, data };
}
const order = (mutations) => sendOrder(mutations).map((m) => m.mutation_id);

test("without a critical deviation the outbox sends oldest first", () => {
  const [create, idea, update] = [queued("a"), queued("b", { type: "idea" }),
    queued("a", { op: "update" })];
  assert.deepEqual(order([update, idea, create]), [create, idea, update].map((m) => m.mutation_id));
});

test("a critical deviation is sent before older ones, the rest stays oldest first", () => {
  const [low, idea, critical, high] = [queued("low"), queued("idea", { type: "idea" }),
    queued("crit", { severity: "critical" }), queued("high", { severity: "high" })];
  assert.deepEqual(order([low, idea, critical, high]),
    [critical, low, idea, high].map((m) => m.mutation_id));
});

test("a record's create is never sent after its own update", () => {
  const create = queued("r1", { severity: "moderate" });
  const other = queued("r2");
  const update = queued("r1", { op: "update", severity: "critical" });
  assert.deepEqual(order([create, other, update]),
    [create, update, other].map((m) => m.mutation_id));
});

test("the latest edit decides: a deviation no longer critical waits its turn", () => {
  const create = queued("r1", { severity: "critical" });
  const other = queued("r2");
  const update = queued("r1", { op: "update", severity: "low" });
  assert.deepEqual(order([other, update, create]),
    [create, other, update].map((m) => m.mutation_id));
});

test("several critical deviations go in the order they were saved", () => {
  const [low, first, second] = [queued("low"), queued("c1", { severity: "critical" }),
    queued("c2", { severity: "critical" })];
  assert.deepEqual(order([second, low, first]),
    [first, second, low].map((m) => m.mutation_id));
});

const mine = { category: "fall", severity: "low", occurred_at: "", location: "", description: "Mitt",
  immediate_action: "" };
const stored = { id: "r", type: "deviation", fields: mine, server: null, problem: null, saved_at: "t" };
const create = { mutation_id: "m", type: "deviation", op: "create", record_id: "r", data: mine,
  client_time: "t" };

test("applied: the server copy is kept and is no news to the person", () => {
  const record = { id: "r", version: 1, description: "Mitt", severity: "low" };
  const local = settle({ ...stored, problem: { kind: "rejected" } }, create,
    { mutation_id: "m", status: "applied", record });
  assert.equal(local.server, record);
  assert.equal(local.seen_version, 1);
  assert.equal(local.problem, null);
});

test("rejected: the person's text stays, with the reason per field", () => {
  const local = settle(stored, create, { mutation_id: "m", status: "rejected",
    error: { code: "invalid", message: "Feil", fields: { description: ["Påkrevd."] } } });
  assert.deepEqual(local.problem, { kind: "rejected", code: "invalid", message: "Feil",
    fields: { description: ["Påkrevd."] }, mine, op: "create" });
  assert.equal(local.fields, mine);
});

test("conflict: the server copy wins and the person's text is kept in the problem", () => {
  const server = { id: "r", version: 3, category: "fall", severity: "high", occurred_at: "x",
    location: "Bad", description: "Lederens", immediate_action: null, status: "in_progress" };
  const update = { ...create, op: "update" };
  const local = settle(stored, update, { mutation_id: "m", status: "conflict", record: server,
    error: { code: "conflict", message: "Endret" } });
  assert.equal(local.fields.description, "Lederens");
  assert.equal(local.fields.immediate_action, "");
  assert.equal(local.problem.kind, "conflict");
  assert.equal(local.problem.mine, mine);
  assert.equal(stored.problem, null, "the stored record is not changed in place");
});

test("a refused board op is kept apart from the idea's own texts", () => {
  const idea = { id: "i", type: "idea", fields: {}, server: { version: 2 }, problem: null };
  const support = { mutation_id: "s", type: "idea", op: "comment", record_id: "i", data: { text: "Ja" } };
  const local = settle(idea, support, { mutation_id: "s", status: "rejected",
    error: { code: "forbidden", message: "Nei" } });
  assert.equal(local.problem, null);
  assert.deepEqual(local.boardProblem, { op: "comment", code: "forbidden", message: "Nei",
    fields: undefined, data: { text: "Ja" } });
});
