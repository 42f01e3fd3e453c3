// The form for a new or edited deviation or idea. Drafts are kept while typing;
// "Lagret på nettbrettet" shows only after the record and its outbox mutation
// committed together.
import { h, isoWithOffset, localInputValue, mount } from "../lib/dom.js";
import { _ } from "../lib/i18n.js";
import { deleteDraft, loadDraft, saveDraft } from "../store/kv.js";
import { saveRecord } from "../store/records.js";
import { callLeaderNotice, URGENT_SEVERITY } from "./call-leader.js";
import { field, formValues, setFieldError, validate, watchPersonalIds } from "./fields.js";
import { deviationFields, ideaFields } from "./labels.js";

/**
 * @param {HTMLElement} container
 * @param {{type: "deviation"|"idea", id?: string, initial?: Object<string, any>,
 *   problem?: import("../store/records.js").Problem|null, categories: Array<{code: string, label: string}>,
 *   draftKey: string, heading: string, phone?: string,
 *   onSaved: (id: string, values: Object<string, any>) => void}} options
 */
export async function renderRecordForm(container, options) {
  const specs = options.type === "deviation" ? deviationFields(options.categories) : ideaFields();
  const draft = await loadDraft(options.draftKey).catch(() => undefined);
  const values = { ...defaults(options.type), ...(options.initial || {}), ...(draft || {}) };
  const alert = h("div", { class: "form-alert", role: "alert", tabindex: "-1" });
  const form = h("form", { class: "form record-form", novalidate: true },
    specs.map((spec) => field(spec, toInput(spec, values[spec.name]))),
    h("div", { class: "form-actions" },
      h("button", { type: "submit", class: "button button-primary" }, _("Save"))));
  mount(container, h("h1", { tabindex: "-1" }, options.heading), alert,
    draft ? h("p", { class: "field-help" }, _("Your draft was restored.")) : null, form);
  if (options.problem?.fields) showServerErrors(form, options.problem.fields);
  watchPersonalIds(form, specs);
  watchSeverity(form, options.phone);
  let timer = null;
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => saveDraft(options.draftKey, formValues(form, specs)).catch(() => {}), 250);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    submit(form, specs, alert, options);
  });
}

/** Kritisk: "call your leader now" appears at once under the severity, before saving. */
function watchSeverity(form, phone) {
  const severity = form.elements.severity;
  if (!severity) return;
  const slot = h("div", { class: "call-leader-slot" });
  severity.closest(".field").after(slot);
  const show = () => {
    const urgent = severity.value === URGENT_SEVERITY;
    if (urgent && !slot.childElementCount) slot.append(callLeaderNotice(phone));
    if (!urgent) slot.replaceChildren();
  };
  severity.addEventListener("change", show);
  show();
}

function defaults(type) {
  return type === "deviation" ? { occurred_at: new Date().toISOString(), severity: "" } : {};
}

function toInput(spec, value) {
  if (spec.kind === "datetime" && value) return localInputValue(new Date(value));
  return value ?? "";
}

function showServerErrors(form, fields) {
  for (const [name, messages] of Object.entries(fields)) setFieldError(form, name, messages.join(" "));
}

function showAlert(alert, kind, text) {
  alert.className = `form-alert alert alert-${kind}`;
  alert.textContent = text;
  alert.focus();
}

async function submit(form, specs, alert, options) {
  const values = formValues(form, specs);
  const bad = validate(form, specs, values);
  if (bad.length) {
    showAlert(alert, "error", _("Not saved. Correct: {fields}.", { fields: bad.join(", ") }));
    return;
  }
  if (values.occurred_at) values.occurred_at = isoWithOffset(new Date(values.occurred_at));
  if (options.initial?.deviation_id) values.deviation_id = options.initial.deviation_id;
  const id = options.id || crypto.randomUUID();
  try {
    await saveRecord({ type: options.type, id, fields: values, draftKey: options.draftKey });
  } catch (error) {
    const full = error?.name === "QuotaExceededError";
    showAlert(alert, "error", full
      ? _("Not saved: the tablet's storage is full. Free some space (or send what is waiting) and try again.")
      : _("Not saved: the tablet could not store it ({reason}). Try again.", { reason: error?.name || error }));
    return;
  }
  await deleteDraft(options.draftKey).catch(() => {});
  options.onSaved(id, values);
}
