// One idea on the board: its texts, PDSA notes, what was learnt, its history in
// words; "Jeg støtter dette", a comment, "Bare gjør det" (its reporter, while new)
// and the PDSA notes (the responsible person). Everything is saved on the device
// as an outbox mutation and shown at once; the sync sends it.
import { h, mount } from "../lib/dom.js";
import { _, formatDate, formatTime } from "../lib/i18n.js";
import { dismissBoardProblem, pendingBoardOps, queueBoardOp, withPending } from "../store/board.js";
import { getRecord } from "../store/records.js";
import { ageOf, dueOf, supportWords } from "./board.js";
import { field, formValues, validate, watchPersonalIds } from "./fields.js";
import { eventLabel, statusLabel } from "./labels.js";

const PDSA = () => [
  { name: "pdsa_plan", label: _("Plan"), kind: "textarea", freeText: true },
  { name: "pdsa_do", label: _("Do"), kind: "textarea", freeText: true },
  { name: "pdsa_study", label: _("Study"), kind: "textarea", freeText: true },
  { name: "pdsa_act", label: _("Act"), kind: "textarea", freeText: true },
];
const PDSA_STATUSES = ["approved", "in_progress", "done"];

/**
 * @param {HTMLElement} container
 * @param {string} id
 * @param {{userId: number, rerender: () => void, queued: () => void}} options
 */
export async function renderBoardIdea(container, id, options) {
  const [record, pending] = await Promise.all([getRecord(id), pendingBoardOps()]);
  if (!record?.server || record.type !== "idea") {
    mount(container, h("h1", { tabindex: "-1" }, _("Not found")),
      h("p", {}, _("This idea is not on this device.")),
      h("a", { class: "button button-quiet", href: "#board" }, _("Back to the board")));
    return;
  }
  const me = options.userId;
  const waiting = pending.get(id) || [];
  const idea = withPending(record.server, waiting, me);
  /** Saved on the device, then its form emptied: the redraw must not bring the text back. */
  const after = async (op, data, form = null) => {
    await queueBoardOp(id, op, data);
    form?.reset();
    options.queued();
  };
  const due = dueOf(idea);
  mount(container,
    h("p", {}, h("a", { class: "tap-link", href: "#board" }, _("Back to the board"))),
    h("h1", { tabindex: "-1" }, idea.title),
    h("p", { class: "record-meta" },
      h("span", { class: "badge badge-status" }, statusLabel("idea", idea.status)),
      h("span", { class: "badge" }, _("{age} with this status", { age: ageOf(idea).text })),
      due ? h("span", { class: `badge board-due${due.overdue ? " board-due-over" : ""}` },
        due.overdue ? h("span", { "aria-hidden": "true" }, "! ") : null, due.text) : null,
      waiting.length ? h("span", { class: "badge badge-local", "data-where": "local" },
        _("Only on this device")) : null),
    problem(record, options),
    facts(idea),
    supportBox(idea, me, after),
    pdsaBox(idea, me, after),
    justDoItBox(idea, me, after),
    learning(idea),
    history(idea),
    commentBox(after));
}

function problem(record, options) {
  const p = record.boardProblem;
  if (!p) return null;
  return h("div", { class: "alert alert-error", role: "alert" },
    h("h2", {}, _("Not saved on the server")),
    h("p", {}, p.message),
    Object.values(p.fields || {}).flat().map((m) => h("p", {}, m)),
    h("button", { type: "button", class: "button button-quiet", onclick: async () => {
      await dismissBoardProblem(record.id);
      options.rerender();
    } }, _("I have read this")));
}

function facts(idea) {
  const rows = [
    [_("Proposed by"), idea.reporter?.display_name],
    [_("Current situation"), idea.problem],
    [_("Proposal"), idea.proposal],
    [_("Expected benefit"), idea.benefit],
    [_("Comment from the leader"), idea.decision_comment],
    [_("Responsible"), idea.responsible],
    [_("Due date"), idea.due_date ? formatDate(idea.due_date) : null],
  ].filter(([, value]) => value);
  return h("dl", { class: "field-list" }, rows.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

function supportBox(idea, me, after) {
  const count = idea.supporter_ids.length;
  const mine = idea.supporter_ids.includes(me);
  return h("section", { class: "board-support", "aria-labelledby": "h-support" },
    h("h2", { id: "h-support", class: "visually-hidden" }, _("Support")),
    h("button", { type: "button", class: `button${mine ? " button-primary" : ""}`,
      "aria-pressed": mine ? "true" : "false",
      onclick: () => after(mine ? "unsupport" : "support", {}) },
    h("span", { "aria-hidden": "true" }, mine ? "✓ " : "+ "), _("I support this")),
    h("p", { class: "board-support-count", "data-support-count": String(count), role: "status" },
      supportWords(count)));
}

function pdsaBox(idea, me, after) {
  const specs = PDSA();
  const shown = specs.filter((s) => idea[s.name]);
  const mayWrite = idea.responsible_id === me && PDSA_STATUSES.includes(idea.status);
  if (!mayWrite && !shown.length) return null;
  const heading = h("h2", { id: "h-pdsa" }, _("PDSA: Plan, Do, Study, Act"));
  if (!mayWrite) {
    return h("section", { "aria-labelledby": "h-pdsa" }, heading,
      h("dl", { class: "field-list" }, shown.map((s) => [h("dt", {}, s.label), h("dd", {}, idea[s.name])])));
  }
  const form = h("form", { class: "form", novalidate: true },
    h("p", { class: "field-help" }, _("You are responsible for this idea. Write down how the work goes.")),
    specs.map((s) => field(s, idea[s.name] || "")),
    h("div", { class: "form-actions" },
      h("button", { type: "submit", class: "button button-primary" }, _("Save the PDSA notes"))));
  watchPersonalIds(form, specs);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const values = formValues(form, specs);
    if (validate(form, specs, values).length) return;
    const changed = Object.fromEntries(specs.map((s) => s.name)
      .filter((name) => (values[name] || null) !== (idea[name] || null))
      .map((name) => [name, values[name]]));
    if (Object.keys(changed).length) after("pdsa", changed, form);
  });
  return h("section", { "aria-labelledby": "h-pdsa" }, heading, form);
}

function justDoItBox(idea, me, after) {
  if (idea.status !== "new" || idea.reporter?.id !== me) return null;
  const specs = [{ name: "learning", label: _("What was done?"), kind: "textarea", required: true,
    freeText: true, help: _("A small idea you could simply do: write what you did, and mark it done.") }];
  const form = h("form", { class: "form", novalidate: true },
    specs.map((s) => field(s, "")),
    h("div", { class: "form-actions" },
      h("button", { type: "submit", class: "button" }, _("Just do it: mark as done"))));
  watchPersonalIds(form, specs);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const values = formValues(form, specs);
    if (validate(form, specs, values).length) return;
    after("just_do_it", { learning: values.learning }, form);
  });
  return h("section", { "aria-labelledby": "h-just" },
    h("h2", { id: "h-just" }, _("Just do it")), form);
}

function learning(idea) {
  if (!idea.learning) return null;
  return h("section", { "aria-labelledby": "h-learning" },
    h("h2", { id: "h-learning" }, _("What was done and learnt")),
    h("p", {}, idea.learning));
}

function history(idea) {
  const events = idea.events || [];
  return h("section", { "aria-labelledby": "h-history" },
    h("h2", { id: "h-history" }, _("History")),
    h("ol", { class: "history" }, events.map((e) => h("li", { "data-action": e.action },
      h("span", { class: "record-time" }, e.pending ? _("Not sent yet") : formatTime(e.at)), " ",
      e.actor?.display_name ? `${e.actor.display_name}: ` : "",
      eventWords(e),
      e.comment && e.action !== "pdsa_updated" && e.action !== "idea_created_from_deviation"
        ? ` – ${e.comment}` : ""))));
}

function eventWords(event) {
  if (event.action === "status_changed" && event.to_status) {
    return _("{from} → {to}", { from: statusLabel("idea", event.from_status),
      to: statusLabel("idea", event.to_status) });
  }
  return eventLabel(event.action);
}

function commentBox(after) {
  const specs = [{ name: "text", label: _("Your comment"), kind: "textarea", required: true,
    freeText: true, help: _("Do not write names or national identity numbers.") }];
  const form = h("form", { class: "form", novalidate: true },
    specs.map((s) => field(s, "")),
    h("div", { class: "form-actions" },
      h("button", { type: "submit", class: "button button-primary" }, _("Send comment"))));
  watchPersonalIds(form, specs);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const values = formValues(form, specs);
    if (validate(form, specs, values).length) return;
    after("comment", { text: values.text }, form);
  });
  return h("section", { "aria-labelledby": "h-comment" },
    h("h2", { id: "h-comment" }, _("Comment")), form);
}
