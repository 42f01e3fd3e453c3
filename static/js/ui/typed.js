// What a person has typed in a view's forms and not saved yet, carried across a
// redraw of the same view (a sync that ends while they write redraws it).
const TYPED = "form textarea, form input:not([type=hidden])";

/** Where a form field is: its section and its name (a view's forms are one per section). */
function fieldKey(el) {
  return `${el.closest("section")?.getAttribute("aria-labelledby") || ""}|${el.name}`;
}

/** What the person has typed and not saved yet, and which field has the cursor. */
export function typedIn(view) {
  const values = new Map();
  for (const el of view.querySelectorAll(TYPED)) {
    const box = el.type === "checkbox" || el.type === "radio";
    if (box ? el.checked !== el.defaultChecked : el.value !== el.defaultValue) {
      values.set(`${fieldKey(el)}|${box ? el.value : ""}`, box ? el.checked : el.value);
    }
  }
  const active = view.contains(document.activeElement) && document.activeElement.matches(TYPED)
    ? { key: fieldKey(document.activeElement), start: document.activeElement.selectionStart,
      end: document.activeElement.selectionEnd }
    : null;
  return { values, active };
}

export function restoreTyped(view, { values, active }) {
  for (const el of view.querySelectorAll(TYPED)) {
    const box = el.type === "checkbox" || el.type === "radio";
    const key = `${fieldKey(el)}|${box ? el.value : ""}`;
    if (!values.has(key)) continue;
    if (box) el.checked = values.get(key);
    else el.value = values.get(key);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }
  if (!active) return;
  const again = [...view.querySelectorAll(TYPED)].find((el) => fieldKey(el) === active.key);
  if (!again) return;
  again.focus();
  if (active.start !== null && typeof again.setSelectionRange === "function") {
    try { again.setSelectionRange(active.start, active.end); } catch { /* not a text field */ }
  }
}
