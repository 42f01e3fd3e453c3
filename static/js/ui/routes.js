// What each hash route shows: the options for the form and list views.
import { _ } from "../lib/i18n.js";
import { getMeta, setMeta } from "../store/kv.js";
import { getRecord } from "../store/records.js";

/**
 * The unit's active categories (for the form): from the last session, else from
 * the shell page (so the form works offline before the first sync).
 * @param {HTMLElement} root the element holding data-categories
 */
export async function categories(root) {
  const session = await getMeta("session").catch(() => undefined);
  if (session?.categories?.length) return session.categories;
  return JSON.parse(root.dataset.categories || "[]");
}

/**
 * The unit's phone number for "call your leader" ("" when it has none): from the
 * last session once the tablet has synced, else from the shell page.
 * @param {HTMLElement} root the element holding data-unit-phone
 */
export async function unitPhone(root) {
  const session = await getMeta("session").catch(() => undefined);
  if (session && "unit" in session) return session.unit?.phone || "";
  return root.dataset.unitPhone || "";
}

/** Every category label this device has seen, so a retired one still reads well. */
export async function knownCategories(root) {
  const active = await categories(root);
  const session = await getMeta("session").catch(() => undefined);
  const retired = session?.retired_categories || []; // labelled by the server
  const seen = (await getMeta("category_labels").catch(() => undefined)) || [];
  const codes = new Set(active.map((c) => c.code));
  const rest = [...retired, ...seen].filter((c) => !codes.has(c.code) && codes.add(c.code));
  const all = [...active, ...rest];
  if (all.length !== seen.length) setMeta("category_labels", all).catch(() => {});
  return all;
}

/**
 * The options of the form a route shows, or null when the record is not here.
 * @param {HTMLElement} root
 * @param {string} name new-deviation | new-idea | edit | fix
 * @param {string} [arg] a record id
 * @param {(id: string) => void} onSaved
 */
export async function formOptions(root, name, arg, onSaved) {
  const common = { categories: await categories(root), phone: await unitPhone(root), onSaved };
  if (name === "new-deviation") {
    return { ...common, type: "deviation", draftKey: "new-deviation", heading: _("New deviation") };
  }
  if (name === "new-idea" && arg) {
    const source = await getRecord(arg);
    return { ...common, type: "idea", draftKey: `new-idea:${arg}`, heading: _("New idea"),
      initial: { deviation_id: arg, problem: source?.fields?.description || "" } };
  }
  if (name === "new-idea") return { ...common, type: "idea", draftKey: "new-idea", heading: _("New idea") };
  const record = await getRecord(arg);
  if (!record) return null;
  const fix = name === "fix";
  const kept = await keptCategory(root, common.categories, record.server?.category);
  return { ...common, categories: [...common.categories, ...kept],
    type: record.type, id: record.id, draftKey: `${name}:${record.id}`,
    heading: fix ? _("Correct and send again") : _("Edit"),
    initial: fix ? record.problem?.mine : record.fields, problem: fix ? record.problem : null };
}

/**
 * The record's category on the server when it is retired: it stays its current
 * value, labelled as retired, and an edit may keep it (the server accepts that).
 * A new record, or one the server never had, cannot choose it.
 */
async function keptCategory(root, active, code) {
  if (!code || active.some((c) => c.code === code)) return [];
  const known = (await knownCategories(root)).find((c) => c.code === code);
  return [{ code, label: _("{label} (retired)", { label: known?.label || code }), retired: true }];
}
