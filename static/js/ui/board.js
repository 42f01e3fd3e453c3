// "Tavla": the unit's improvement ideas in columns by status, from the device's
// copy (works offline). Each card says its age in words with a marker whose
// shape and word carry the meaning as well as its colour (WCAG 1.4.1).
import { h, mount } from "../lib/dom.js";
import { _, formatDate } from "../lib/i18n.js";
import { boardIdeas, pendingBoardOps, withPending } from "../store/board.js";
import { statusLabel } from "./labels.js";

export const COLUMNS = ["new", "under_review", "approved", "in_progress", "done"];
export const FOLDED = ["parked", "rejected"];
const DAY_MS = 24 * 60 * 60 * 1000;
const ACTIVE = ["new", "under_review", "approved", "in_progress"];
const DONE_SHOWN_DAYS = 56;

/**
 * @param {HTMLElement} container
 * @param {{userId: number}} options
 */
export async function renderBoard(container, options) {
  const [records, pending] = await Promise.all([boardIdeas(), pendingBoardOps()]);
  const ideas = records.map((r) => ({ ...withPending(r.server, pending.get(r.id), options.userId),
    local: { waiting: pending.has(r.id), problem: Boolean(r.boardProblem) } }));
  const now = Date.now();
  const byStatus = (status) => ideas.filter((i) => i.status === status)
    .sort((a, b) => since(a).localeCompare(since(b)));
  mount(container,
    h("h1", { tabindex: "-1" }, _("Board")),
    h("p", { class: "field-help" },
      _("Improvement ideas of your unit. Tap an idea to read it, support it or comment.")),
    ideas.length ? null : h("p", { class: "board-empty" }, _("There are no improvement ideas on the board yet.")),
    h("div", { class: "board-columns" },
      COLUMNS.map((status) => column(status, byStatus(status), now))),
    h("div", { class: "board-folded" },
      FOLDED.map((status) => folded(status, byStatus(status), now))));
}

function column(status, ideas, now) {
  const id = `board-col-${status}`;
  // Done: what was finished in the last weeks (a unit's years of done ideas stay off the wall).
  const shown = status === "done" ? ideas.filter((i) => ageOf(i, now).days <= DONE_SHOWN_DAYS) : ideas;
  const older = ideas.length - shown.length;
  return h("section", { class: "board-column", "data-status": status, "aria-labelledby": id },
    h("h2", { id, class: "board-column-title" }, statusLabel("idea", status), " ",
      h("span", { class: "board-count" }, _("({count})", { count: ideas.length }))),
    cards(status === "done" ? shown.reverse() : shown, now),
    older ? h("p", { class: "board-none" },
      _("{count} done more than 8 weeks ago are not shown.", { count: older })) : null);
}

function folded(status, ideas, now) {
  return h("details", { class: "board-fold", "data-status": status },
    h("summary", {}, statusLabel("idea", status), " ",
      h("span", { class: "board-count" }, _("({count})", { count: ideas.length }))),
    cards(ideas, now));
}

function cards(ideas, now) {
  if (!ideas.length) return h("p", { class: "board-none" }, _("None"));
  return h("ul", { class: "board-cards" }, ideas.map((idea) => card(idea, now)));
}

function card(idea, now) {
  const age = ageOf(idea, now);
  const due = dueOf(idea, now);
  const supporters = (idea.supporter_ids || []).length;
  return h("li", { class: "board-card", "data-idea-id": idea.id },
    h("a", { class: "board-card-link", href: `#board/${idea.id}` },
      h("span", { class: "board-card-title" }, idea.title)),
    h("p", { class: "board-card-meta" },
      ageBadge(idea, age),
      idea.local.problem ? h("span", { class: "badge badge-problem", "data-where": "problem" },
        _("Needs attention")) : null,
      idea.local.waiting ? h("span", { class: "badge badge-local", "data-where": "local" },
        _("Only on this device")) : null,
      due ? h("span", { class: `badge board-due${due.overdue ? " board-due-over" : ""}`,
        "data-overdue": due.overdue ? "true" : "false" },
      due.overdue ? h("span", { "aria-hidden": "true" }, "! ") : null, due.text) : null),
    idea.responsible ? h("dl", { class: "board-card-facts" },
      h("dt", {}, _("Responsible")), h("dd", {}, idea.responsible)) : null,
    h("p", { class: "board-card-support", "data-support-count": String(supporters) },
      supportWords(supporters)));
}

/** "3 støtter dette" */
export function supportWords(count) {
  return count === 1 ? _("1 supports this") : _("{count} support this", { count });
}

function since(idea) {
  return idea.status_changed_at || idea.created_at || "";
}

/**
 * How long the idea has had its status: days and the marker's level.
 * @returns {{days: number, level: "green"|"yellow"|"red", text: string}}
 */
export function ageOf(idea, now = Date.now()) {
  const days = Math.max(0, Math.floor((now - new Date(since(idea)).getTime()) / DAY_MS));
  const level = days < 14 ? "green" : days <= 28 ? "yellow" : "red";
  return { days, level, text: ageWords(days) };
}

/** "i dag", "3 dager", "2 uker" in the person's language. */
export function ageWords(days) {
  if (days < 1) return _("less than a day");
  if (days === 1) return _("1 day");
  if (days < 14) return _("{n} days", { n: days });
  return _("{n} weeks", { n: Math.floor(days / 7) });
}

const LEVEL = {
  green: { icon: "●", word: () => _("Fresh") },
  yellow: { icon: "▲", word: () => _("Waiting") },
  red: { icon: "■", word: () => _("Old") },
};

function ageBadge(idea, age) {
  if (!ACTIVE.includes(idea.status)) {
    return h("span", { class: "badge board-age" }, _("{age} with this status", { age: age.text }));
  }
  const level = LEVEL[age.level];
  return h("span", { class: `badge board-age board-age-${age.level}`, "data-age": age.level },
    h("span", { class: "board-age-icon", "aria-hidden": "true" }, level.icon), " ",
    _("{word}: {age}", { word: level.word(), age: age.text }));
}

/** The due date in words, and whether it has passed (an idea not done yet). */
export function dueOf(idea, now = Date.now()) {
  if (!idea.due_date) return null;
  const end = new Date(`${idea.due_date}T23:59:59`).getTime();
  const overdue = ACTIVE.includes(idea.status) && end < now;
  const date = formatDate(idea.due_date);
  return { overdue, text: overdue ? _("Overdue: {date}", { date }) : _("Due {date}", { date }) };
}

