import { html, type Html } from '../html/html.ts';

/**
 * Labelled form controls. Every control has an id the label points at; a hint, when given, is tied to it with
 * aria-describedby. Field errors from the API are added next to the control by the browser script.
 */
export interface FieldOptions {
  /** the name the API's issue paths map to: body.recurrence.rrule → "recurrence.rrule" */
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  /** extra attributes (already escaped markup) */
  attrs?: Html;
  /** when several controls share a name (checkbox groups) */
  id?: string;
}

export const fieldId = (name: string): string => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

function hintFor(o: FieldOptions): { hint: Html | false; describedBy: Html | string } {
  if (!o.hint) return { hint: false, describedBy: '' };
  const id = `${o.id ?? fieldId(o.name)}-hint`;
  return { hint: html`<p class="hint" id="${id}">${o.hint}</p>`, describedBy: html` aria-describedby="${id}"` };
}

export function inputField(o: FieldOptions & { type?: string; value?: string; autocomplete?: string }): Html {
  const id = o.id ?? fieldId(o.name);
  const { hint, describedBy } = hintFor(o);
  return html`<div class="field"><label for="${id}">${o.label}${o.required ? html` <span class="req">(required)</span>` : ''}</label>
<input id="${id}" name="${o.name}" type="${o.type ?? 'text'}"${o.value !== undefined ? html` value="${o.value}"` : ''}${o.required ? html` required` : ''}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${describedBy}${o.attrs ?? ''}>${hint}</div>`;
}

export function textAreaField(o: FieldOptions & { rows?: number; value?: string }): Html {
  const id = o.id ?? fieldId(o.name);
  const { hint, describedBy } = hintFor(o);
  return html`<div class="field"><label for="${id}">${o.label}${o.required ? html` <span class="req">(required)</span>` : ''}</label>
<textarea id="${id}" name="${o.name}" rows="${o.rows ?? 4}"${o.required ? html` required` : ''}${describedBy}${o.attrs ?? ''}>${o.value ?? ''}</textarea>${hint}</div>`;
}

/** Options as values, or [value, label] pairs. */
export type SelectOption = string | readonly [string, string];

export function selectOptions(options: readonly SelectOption[], selected?: string): Html[] {
  return options.map((opt) => {
    const [value, label] = typeof opt === 'string' ? [opt, opt.replace(/_/g, ' ')] : opt;
    return html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;
  });
}

export function selectField(o: FieldOptions & { options: readonly SelectOption[]; selected?: string }): Html {
  const id = o.id ?? fieldId(o.name);
  const { hint, describedBy } = hintFor(o);
  return html`<div class="field"><label for="${id}">${o.label}</label>
<select id="${id}" name="${o.name}"${describedBy}${o.attrs ?? ''}>${selectOptions(o.options, o.selected)}</select>${hint}</div>`;
}

export function checkboxField(o: FieldOptions & { checked?: boolean; value?: string }): Html {
  const id = o.id ?? fieldId(o.name);
  const { hint, describedBy } = hintFor(o);
  return html`<div class="field check"><input id="${id}" name="${o.name}" type="checkbox" value="${o.value ?? 'true'}"${o.checked ? html` checked` : ''}${describedBy}${o.attrs ?? ''}>
<label for="${id}">${o.label}</label>${hint}</div>`;
}

/** Where a form's overall error (the API's message) appears; the script fills it. */
export const formError: Html = html`<div class="form-error" role="alert" hidden></div>`;

export function submitRow(label: string, extra?: Html): Html {
  return html`<div class="actions"><button type="submit" class="primary">${label}</button>${extra ?? ''}</div>`;
}
