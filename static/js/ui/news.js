// "Nytt" on the tablet's start page (Mine saker): the person's records with an answer
// they have not opened yet. Made from the records already pulled, so it works offline;
// opening one (its detail view) marks it seen.
import { h } from "../lib/dom.js";
import { _ } from "../lib/i18n.js";
import { hasNews } from "../store/records.js";
import { recordTitle, statusLabel } from "./labels.js";

/**
 * @param {import("../store/records.js").LocalRecord[]} records the person's own records
 * @param {{categories: Array<{code: string, label: string}>}} options
 */
export function newsSection(records, options) {
  const fresh = records.filter(hasNews)
    .sort((a, b) => String(b.server.updated_at || "").localeCompare(String(a.server.updated_at || "")));
  return h("section", { class: "record-section news", "aria-labelledby": "h-news", id: "news" },
    h("h2", { id: "h-news" }, _("New for you"), " ",
      fresh.length ? h("span", { class: "badge badge-news" }, String(fresh.length)) : null),
    fresh.length
      ? h("ul", { class: "record-list" }, fresh.map((r) => h("li", { class: "news-item", "data-news-id": r.id },
        h("a", { class: "record-link news-link", href: `#record/${r.id}` },
          h("span", { class: "record-title" }, recordTitle(r, options.categories)),
          h("span", { class: "record-meta" },
            h("span", { class: "badge badge-news" }, _("New answer")),
            h("span", { class: "badge badge-status" }, statusLabel(r.type, r.server.status)))))))
      : h("p", { class: "field-help" }, _("Nothing new right now.")));
}
