// Labelled form fields with help and error text tied to them for screen readers,
// and the on-device national-identity-number check.
import { h } from "../lib/dom.js";
import { _ } from "../lib/i18n.js";
import { findPersonalId } from "../lib/personal-id.js";

/**
 * @typedef {{name: string, label: string, kind?: "text"|"textarea"|"select"|"datetime",
 *   required?: boolean, help?: string, options?: Array<[string, string]>, freeText?: boolean}} FieldSpec
 */

function control(spec, value, describedBy) {
  const common = { id: `f-${spec.name}`, name: spec.name, class: "field-input",
    required: spec.required, "aria-describedby": describedBy };
  if (spec.kind === "textarea") return h("textarea", { ...common, rows: 4 }, value || "");
  if (spec.kind === "select") {
    const options = [["", _("Choose…")], ...(spec.options || [])];
    const select = h("select", common,
      options.map(([code, label]) => h("option", { value: code }, label)));
    select.value = value || "";
    return select;
  }
  const type = spec.kind === "datetime" ? "datetime-local" : "text";
  return h("input", { ...common, type, value: value || "", maxlength: spec.kind ? null : 200 });
}

/** @param {FieldSpec} spec @param {string} [value] */
export function field(spec, value) {
  const helpId = spec.help ? `f-${spec.name}-help` : null;
  const errorId = `f-${spec.name}-error`;
  const label = spec.required ? spec.label : _("{label} (optional)", { label: spec.label });
  const input = control(spec, value, [helpId, errorId].filter(Boolean).join(" "));
  return h("div", { class: "field", "data-field": spec.name },
    h("label", { class: "field-label", for: `f-${spec.name}` }, label),
    spec.help ? h("p", { class: "field-help", id: helpId }, spec.help) : null,
    input,
    h("p", { class: "field-error", id: errorId, hidden: true }));
}

/** Show (or clear with "") an error on one field. */
export function setFieldError(form, name, message) {
  const wrapper = form.querySelector(`[data-field="${name}"]`);
  if (!wrapper) return;
  const input = wrapper.querySelector(".field-input");
  const error = wrapper.querySelector(".field-error");
  wrapper.classList.toggle("field-invalid", Boolean(message));
  error.textContent = message || "";
  error.hidden = !message;
  if (message) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
}

/** The form's values by field name. */
export function formValues(form, specs) {
  return Object.fromEntries(specs.map((s) => [s.name, form.elements[s.name].value.trim()]));
}

/**
 * Check required fields and national identity numbers; mark each bad field.
 * @returns {string[]} the labels of the fields that need correcting
 */
export function validate(form, specs, values) {
  const bad = [];
  for (const spec of specs) {
    let message = "";
    if (spec.required && !values[spec.name]) message = _("Required.");
    else if (spec.freeText && findPersonalId(values[spec.name])) {
      message = _("This looks like a national identity number. Remove it: a client must not be identifiable.");
    }
    setFieldError(form, spec.name, message);
    if (message) bad.push(spec.label);
  }
  return bad;
}

/** Mark a national identity number as soon as it is typed. */
export function watchPersonalIds(form, specs) {
  form.addEventListener("input", (event) => {
    const spec = specs.find((s) => s.name === event.target.name && s.freeText);
    if (!spec) return;
    const found = findPersonalId(event.target.value);
    setFieldError(form, spec.name, found
      ? _("This looks like a national identity number. Remove it: a client must not be identifiable.")
      : "");
  });
}
