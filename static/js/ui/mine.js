// "Mine saker": my deviations and ideas, each with its status and where it is.
import { h, mount } from "../lib/dom.js";
import { _, formatTime } from "../lib/i18n.js";
import { isOwn } from "../store/board.js";
import { hasNews, listRecords } from "../store/records.js";
import { unsentRecordIds } from "../sync/outbox.js";
import { callLeaderNotice } from "./call-leader.js";
import { recordTitle, statusLabel, whereLabel } from "./labels.js";
import { newsSection } from "./news.js";

/**
 * @param {HTMLElement} container
 * @param {{categories: Array<{code: string, label: string}>, sending: Set<string>, flash?: string,
 *   userId: number, callLeader?: {phone: string}|null}} options
 */
export async function renderMine(container, options) {
  const [records, unsent] = await Promise.all([listRecords(), unsentRecordIds()]);
  const section = (type, heading, empty) => {
    const mine = records.filter((r) => r.type === type && isOwn(r, options.userId));
    return h("section", { class: "record-section", "aria-labelledby": `h-${type}` },
      h("h2", { id: `h-${type}` }, heading),
      mine.length
        ? h("ul", { class: "record-list" }, mine.map((r) => item(r, unsent, options)))
        : h("p", { class: "field-help" }, empty));
  };
  mount(container,
    h("h1", { tabindex: "-1" }, _("My records")),
    options.flash ? h("p", { class: "alert alert-ok", role: "status" }, options.flash) : null,
    options.callLeader ? callLeaderNotice(options.callLeader.phone) : null,
    newsSection(records.filter((r) => isOwn(r, options.userId)), options),
    section("deviation", _("My deviations"), _("You have no deviations yet.")),
    section("idea", _("My improvement ideas"), _("You have no improvement ideas yet.")));
}

function item(record, unsent, options) {
  const where = whereLabel(record, unsent, options.sending);
  const status = record.server ? statusLabel(record.type, record.server.status) : _("New");
  return h("li", { class: "record-item", "data-record-id": record.id },
    h("a", { class: "record-link", href: `#record/${record.id}` },
      h("span", { class: "record-title" }, recordTitle(record, options.categories)),
      h("span", { class: "record-meta" },
        h("span", { class: "badge badge-status" }, status),
        hasNews(record) ? h("span", { class: "badge badge-news" }, _("New answer")) : null,
        h("span", { class: `badge badge-${where.key}`, "data-where": where.key }, where.text),
        h("span", { class: "record-time" }, formatTime(record.saved_at)))),
    record.problem?.kind === "rejected"
      ? h("p", { class: "field-error" }, record.problem.message)
      : null);
}
