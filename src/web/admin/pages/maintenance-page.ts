import { html } from '../../html/html.ts';
import { formError, inputField, selectField, submitRow } from '../form-fields.ts';
import { markdownField } from './incident-pages.ts';
import type { PageBody } from './sign-in-pages.ts';

/** IANA zones the server knows (UTC first); the script preselects the browser's own. */
export function timeZoneNames(): string[] {
  const names = Intl.supportedValuesOf('timeZone');
  return ['UTC', ...names.filter((n) => n !== 'UTC')];
}

/** Scheduled maintenance: the list, and a form for a new window with an optional RRULE or cron recurrence. */
export function maintenancePage(): PageBody {
  return {
    heading: 'Maintenance',
    page: 'maintenance',
    section: 'maintenance',
    main: html`<section class="card" aria-labelledby="list-h"><h2 id="list-h" tabindex="-1">Scheduled</h2>
<div class="table-wrap" role="region" aria-label="Scheduled maintenance table" tabindex="0"><table class="data" id="maintenances">
<thead><tr><th scope="col">Title</th><th scope="col">Window</th><th scope="col">Recurrence</th><th scope="col">Components</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody><tr><td colspan="5">Loading…</td></tr></tbody></table></div></section>
<section class="card" aria-labelledby="new-h"><h2 id="new-h">Schedule maintenance</h2>
<form id="maintenance-form">
<div class="grid2">
${inputField({ name: 'title', label: 'Title', required: true })}
${inputField({ name: 'id', label: 'Id', required: true, hint: 'Filled in from the title; lower-case letters, digits, - and _.', attrs: html` spellcheck="false" autocapitalize="off"` })}
</div>
${markdownField('body', 'Details')}
<div class="grid3">
${inputField({ name: 'start', label: 'Start', type: 'datetime-local', required: true, attrs: html` step="1"` })}
${inputField({ name: 'end', label: 'End', type: 'datetime-local', required: true, attrs: html` step="1"` })}
${selectField({ name: 'time_zone', label: 'Time zone', options: timeZoneNames().map((z) => [z, z] as const), selected: 'UTC', hint: 'Start, end and the recurrence are read in this zone.' })}
</div>
<fieldset class="component-checks" data-name="components"><legend>Components</legend><div class="checks"><p>Loading components…</p></div></fieldset>
<fieldset><legend>Recurrence</legend>
<div class="radios">
<span><input type="radio" id="rec-none" name="recurrence_kind" value="none" checked><label for="rec-none">Once</label></span>
<span><input type="radio" id="rec-rrule" name="recurrence_kind" value="rrule"><label for="rec-rrule">RRULE</label></span>
<span><input type="radio" id="rec-cron" name="recurrence_kind" value="cron"><label for="rec-cron">Cron</label></span>
</div>
<div id="recurrence-fields" hidden>
${inputField({ name: 'recurrence.rule', label: 'Rule', hint: 'RRULE parts such as FREQ=WEEKLY;BYDAY=SU, or cron such as 0 2 * * SUN; each occurrence lasts end − start.', attrs: html` spellcheck="false" data-path="recurrence.rrule recurrence.cron"` })}
${inputField({ name: 'recurrence.until', label: 'Until (optional)', type: 'datetime-local', attrs: html` step="1"` })}
</div>
</fieldset>
${formError}
${submitRow('Schedule')}
</form></section>`,
  };
}
