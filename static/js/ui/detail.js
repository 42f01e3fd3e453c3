// One record: what was reported, the leader's answer, measures, history, and
// what to do when the server refused it or decided first.
import { h, mount } from "../lib/dom.js";
import { _, currentLanguage, formatDate, formatTime, labelTables } from "../lib/i18n.js";
import { dismissProblem, getRecord, hasNews, markSeen } from "../store/records.js";
import { unsentRecordIds } from "../sync/outbox.js";
import {
  deviationFields, eventLabel, ideaFields, pdsaLabel, recordTitle, statusLabel, whereLabel,
} from "./labels.js";

/**
 * @param {HTMLElement} container
 * @param {string} id
 * @param {{categories: Array<{code: string, label: string}>, sending: Set<string>, rerender: () => void}} options
 */
export async function renderDetail(container, id, options) {
  const [record, unsent] = await Promise.all([getRecord(id), unsentRecordIds()]);
  if (!record) {
    mount(container, h("h1", {}, _("Not found")), h("p", {}, _("This record is not on this device.")));
    return;
  }
  if (hasNews(record)) await markSeen(id);
  const server = record.server;
  const where = whereLabel(record, unsent, options.sending);
  const editable = !server || server.status === "new";
  const here = await linkedRecordsHere(server);
  mount(container,
    h("h1", { tabindex: "-1" }, recordTitle(record, options.categories)),
    h("p", { class: "record-meta" },
      h("span", { class: "badge badge-status" }, server ? statusLabel(record.type, server.status) : _("New")),
      h("span", { class: `badge badge-${where.key}`, "data-where": where.key }, where.text)),
    problemBox(record, options),
    decision(record),
    fieldList(record, record.fields, options.categories),
    measures(server),
    history(record, here),
    h("div", { class: "form-actions" },
      editable ? h("a", { class: "button button-primary", href: `#edit/${id}` }, _("Edit")) : null,
      record.type === "deviation"
        ? h("a", { class: "button", href: `#new-idea/from/${id}` }, _("Make an improvement idea")) : null,
      h("a", { class: "button button-quiet", href: "#mine" }, _("Back to my records"))));
}

function specsOf(record, categories) {
  return record.type === "deviation" ? deviationFields(categories) : ideaFields();
}

function display(spec, value) {
  if (spec.kind === "datetime") return formatTime(value);
  if (spec.kind === "select") return (spec.options.find(([code]) => code === value) || [])[1] || value;
  return value;
}

function fieldList(record, fields, categories) {
  const rows = specsOf(record, categories).filter((spec) => fields?.[spec.name]);
  return h("dl", { class: "field-list" }, rows.map((spec) => [
    h("dt", {}, spec.label), h("dd", {}, display(spec, fields[spec.name]))]));
}

function problemBox(record, options) {
  const problem = record.problem;
  if (!problem) return null;
  if (problem.kind === "rejected") {
    return h("div", { class: "alert alert-error problem", role: "alert" },
      h("h2", {}, _("Needs attention")),
      h("p", {}, problem.message),
      Object.values(problem.fields || {}).flat().map((m) => h("p", {}, m)),
      h("a", { class: "button button-primary", href: `#fix/${record.id}` }, _("Correct and send again")));
  }
  return h("div", { class: "alert alert-warning problem", role: "status" },
    h("h2", {}, _("Your leader changed this before your edit arrived")),
    h("p", {}, _("What the server has now is shown below. Your own text was not sent, but it is kept here:")),
    h("h3", {}, _("Your text")),
    fieldList(record, problem.mine, options.categories),
    h("button", { type: "button", class: "button button-quiet", onclick: async () => {
      await dismissProblem(record.id);
      options.rerender();
    } }, _("I have read this")));
}

/** The last comment of a history event that matches. */
function lastComment(events, match) {
  const found = (events || []).filter((e) => e.comment && match(e));
  return found.length ? found[found.length - 1].comment : null;
}

function decision(record) {
  const s = record.server;
  if (!s) return null;
  const deviation = record.type === "deviation";
  // A deviation's answer is in its history: the comment when it was acknowledged
  // (Bekreft mottatt), why it was reopened, and the summary when it was closed.
  const acknowledged = deviation ? lastComment(s.events, (e) => e.action === "status_changed"
    && e.from_status === "new" && e.to_status === "in_progress") : null;
  const reopened = deviation ? lastComment(s.events, (e) => e.action === "reopened") : null;
  const summaryLabel = !deviation || s.status === "closed" ? _("Summary") : _("Summary when it was closed");
  const rows = [
    [_("Comment from your leader"), deviation ? acknowledged : s.decision_comment],
    [_("Reopened because"), reopened],
    [_("Responsible"), s.responsible],
    [_("Due date"), s.due_date ? formatDate(s.due_date) : null],
    [summaryLabel, s.closing_summary],
    [_("What was done and learnt"), deviation ? null : s.learning],
    ...(deviation ? [] : gainRows(s.gains)),
  ].filter(([, value]) => value);
  if (!rows.length) return null;
  return h("section", { class: "decision", "aria-labelledby": "h-decision" },
    h("h2", { id: "h-decision" }, _("Your leader's answer")),
    h("dl", { class: "field-list" }, rows.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])));
}

/** An idea's gains in words: "Forslaget ditt sparer ca. 2 timer i uka" (services/gains.py). */
function gainRows(gains) {
  const byStage = Object.fromEntries((gains || []).map((g) => [g.stage, g]));
  const hours = (g) => new Intl.NumberFormat(currentLanguage() || "nb").format(g.hours_per_week);
  const kind = (g) => (labelTables().gain_kind || {})[g.kind] || g.kind;
  const realised = byStage.realised;
  if (realised?.hours_per_week > 0) {
    return [[_("Realised gain"), _("Your idea saves about {hours} hours a week", { hours: hours(realised) })]];
  }
  return ["expected", "realised"].filter((stage) => byStage[stage]).map((stage) => {
    const g = byStage[stage];
    const label = stage === "expected" ? _("Expected gain") : _("Realised gain");
    if (stage === "expected" && g.hours_per_week > 0) {
      return [label, _("Your idea is expected to save about {hours} hours a week", { hours: hours(g) })];
    }
    return [label, [kind(g), g.note].filter(Boolean).join(": ")];
  });
}

function measures(server) {
  if (!server?.measures?.length) return null;
  return h("section", { "aria-labelledby": "h-measures" },
    h("h2", { id: "h-measures" }, _("Measures")),
    h("ul", {}, server.measures.map((m) => h("li", {},
      [m.text, m.responsible, formatDate(m.due_date)].filter(Boolean).join(" – "),
      m.done ? _(" (done)") : ""))));
}

/** The ids of the records a history names (an idea made from it) that are on this device. */
async function linkedRecordsHere(server) {
  const ids = (server?.events || []).filter((e) => e.action === "idea_created_from_deviation")
    .map((e) => e.comment).filter(Boolean);
  const found = await Promise.all(ids.map((id) => getRecord(id)));
  return new Set(found.filter(Boolean).map((r) => r.id));
}

/** An event in words: what happened, the status it went to, and what was said. */
function eventWords(record, e, here) {
  const what = [h("strong", {}, eventLabel(e.action))];
  if (e.to_status) {
    const from = e.from_status ? `${statusLabel(record.type, e.from_status)} → ` : "";
    what.push(`: ${from}${statusLabel(record.type, e.to_status)}`);
  }
  let said = null;
  if (e.action === "idea_created_from_deviation") {
    // The comment is the idea's id: a link where the idea is on this device, never the id.
    said = here.has(e.comment)
      ? h("a", { href: `#record/${e.comment}` }, _("Open the improvement idea")) : null;
  } else if (e.action === "pdsa_updated" && e.comment) {
    said = e.comment.split(",").map((f) => pdsaLabel(f.trim())).join(", ");
  } else if (e.comment) {
    said = e.comment;
  }
  return [h("div", {}, what),
    h("div", { class: "record-time" }, [e.actor?.display_name, formatTime(e.at)].filter(Boolean).join(" · ")),
    said ? h("p", { class: "history-comment" }, said) : null];
}

function history(record, here) {
  const events = record.server?.events || [];
  if (!events.length) return null;
  return h("section", { "aria-labelledby": "h-history" },
    h("h2", { id: "h-history" }, _("History")),
    h("ol", { class: "history" }, events.map((e) => h("li", { "data-action": e.action },
      eventWords(record, e, here)))));
}
