import { formControlName, type CheckFormField } from '../../../checks/check-form.ts';
import type { CheckType } from '../../../checks/check-type.ts';
import { CHECK_KINDS, checkTypes } from '../../../checks/registry.ts';
import { html, type Html } from '../../html/html.ts';
import { checkboxField, formError, inputField, selectField, textAreaField } from '../form-fields.ts';
import type { PageBody } from './sign-in-pages.ts';

/**
 * One fieldset per check type, from its own form description. Every control carries its config path and format, so
 * the browser script reads and fills any type's fields without knowing the type.
 */
function typeFields(checkType: CheckType): Html {
  const fields = checkType.form.map((field) => formControl(field));
  return html`<fieldset class="type-fields" data-type="${checkType.kind}"><legend>${checkType.kind.toUpperCase()} check</legend>${fields}</fieldset>`;
}

function formControl(field: CheckFormField): Html {
  const name = formControlName(field);
  const common = { name, label: field.label, hint: field.hint };
  const marks = html` data-path="${field.path}" data-format="${field.input}"${field.required ? html` data-required` : ''}`;
  const initial = typeof field.initial === 'string' ? field.initial : undefined;
  switch (field.input) {
    case 'select':
      return selectField({ ...common, options: field.options ?? [], selected: initial, attrs: marks });
    case 'checkbox':
      return checkboxField({ ...common, checked: field.initial === true, attrs: marks });
    case 'textarea':
    case 'header-lines':
      return textAreaField({ ...common, rows: field.rows, attrs: marks });
    case 'number': {
      const range = html`${field.min !== undefined ? html` min="${String(field.min)}"` : ''}${field.max !== undefined ? html` max="${String(field.max)}"` : ''}`;
      return inputField({ ...common, type: 'number', value: initial, attrs: html`${range}${marks}` });
    }
    case 'secret': {
      const input = inputField({ ...common, value: initial, attrs: html` spellcheck="false"${marks}` });
      return field.generate
        ? html`${input}\n<div class="actions"><button type="button" data-generate="${name}">${field.generate}</button></div>`
        : input;
    }
    case 'url':
      return inputField({ ...common, type: 'url', value: initial, attrs: marks });
    case 'text':
    case 'duration':
      return inputField({ ...common, value: initial, attrs: marks });
  }
}

/** Create or edit a monitor: common fields, the chosen type's fields, test now / run now, pause, resume, delete. */
export function monitorEditorPage(id: string | null): PageBody {
  return {
    heading: id ? `Monitor ${id}` : 'New monitor',
    page: 'monitor',
    section: 'dashboard',
    data: id ? { id } : {},
    main: html`<div class="notice success" id="saved-note" role="status" tabindex="-1" hidden></div>
${id ? html`<p class="crumbs"><a href="/admin">← All monitors</a> · <a href="/admin/monitors/${id}/overview">Results and uptime</a></p>` : ''}
<p class="notice" id="managed-note" hidden>This monitor is defined in the configuration file, so it is read-only here: change it in the file and reload Pharos. You can still test and run it.</p>
<form id="monitor-form" class="card">
<fieldset id="monitor-fields" class="plain"><legend class="visually-hidden">Monitor settings</legend>
<div class="grid2">
${inputField({ name: 'id', label: 'Id', required: true, hint: 'Lower-case letters, digits, - and _; cannot change later.', attrs: html` spellcheck="false" autocapitalize="off"${id ? html` readonly value="${id}"` : ''}` })}
${inputField({ name: 'name', label: 'Name' })}
</div>
${textAreaField({ name: 'description', label: 'Description', rows: 2 })}
<div class="grid2">
${selectField({ name: 'type', label: 'Check type', options: CHECK_KINDS, selected: 'http' })}
${inputField({ name: 'interval', label: 'Interval', value: '60s', hint: 'e.g. 30s, 5m' })}
${inputField({ name: 'timeout', label: 'Timeout', value: '10s' })}
${inputField({ name: 'failure_threshold', label: 'Failures before down', type: 'number', value: '2', attrs: html` min="1" max="100"` })}
${inputField({ name: 'success_threshold', label: 'Successes before up', type: 'number', value: '1', attrs: html` min="1" max="100"` })}
</div>
${Object.values(checkTypes).map((t: CheckType) => typeFields(t))}
<fieldset class="component-checks" id="monitor-components" data-name="components"><legend>Components</legend>
<p class="hint" id="monitor-components-hint">The components that show this monitor’s status. Components from the configuration file change there.</p>
<div class="checks" aria-describedby="monitor-components-hint"><p>Loading components…</p></div></fieldset>
<details class="advanced"><summary>Conditions and visibility</summary>
${textAreaField({ name: 'conditions', label: 'Conditions', rows: 3, hint: 'One per line, e.g. [STATUS] == 200 or [RESPONSE_TIME] < 500. Empty: the check type’s defaults.' })}
${inputField({ name: 'degraded_when', label: 'Degraded when', hint: 'e.g. [RESPONSE_TIME] > 1000' })}
${checkboxField({ name: 'enabled', label: 'Enabled', checked: true })}
${checkboxField({ name: 'public.hide_url', label: 'Hide the URL or host on public pages' })}
${checkboxField({ name: 'public.hide_errors', label: 'Hide error messages on public pages' })}
</details>
</fieldset>
${formError}
<div class="actions">
<button type="submit" class="primary" id="monitor-save">${id ? 'Save changes' : 'Create monitor'}</button>
<button type="button" id="monitor-test">Test now</button>
${
  id &&
  html`<button type="button" id="monitor-run">Run now</button>
<button type="button" id="monitor-pause" hidden>Pause</button>
<button type="button" id="monitor-resume" hidden>Resume</button>
<button type="button" class="danger" id="monitor-delete">Delete</button>`
}
</div>
</form>
<section class="card" aria-labelledby="result-h" id="result-section" hidden><h2 id="result-h" tabindex="-1">Result</h2>
<p id="result-summary"></p>
<pre class="json" id="result-json"></pre></section>`,
  };
}
