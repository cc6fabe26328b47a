import { html } from '../../html/html.ts';
import { formError, inputField, submitRow } from '../form-fields.ts';
import type { PageBody } from './sign-in-pages.ts';

export function auditPage(): PageBody {
  return {
    heading: 'Audit log',
    page: 'audit',
    section: 'audit',
    main: html`<form id="audit-filter" class="card filters"><div class="grid3">
${inputField({ name: 'actor', label: 'Actor (user id)', attrs: html` spellcheck="false"` })}
${inputField({ name: 'action', label: 'Action', hint: 'e.g. incident.create', attrs: html` spellcheck="false"` })}
${inputField({ name: 'target_type', label: 'Target type', hint: 'e.g. monitor, incident, user', attrs: html` spellcheck="false"` })}
${inputField({ name: 'from', label: 'From', type: 'datetime-local' })}
${inputField({ name: 'to', label: 'To', type: 'datetime-local' })}
</div>${formError}${submitRow('Filter', html`<button type="reset">Clear</button>`)}</form>
<div class="table-wrap" role="region" aria-labelledby="audit-caption" tabindex="0"><table class="data" id="audit">
<caption id="audit-caption" tabindex="-1">Changes, newest first</caption>
<thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">From</th><th scope="col">Details</th></tr></thead>
<tbody><tr><td colspan="6">Loading…</td></tr></tbody></table></div>
<div class="actions"><button type="button" id="audit-newest" hidden>Newest</button><button type="button" id="audit-older" hidden>Older entries</button></div>`,
  };
}

export function reportsPage(): PageBody {
  return {
    heading: 'SLA report',
    page: 'reports',
    section: 'reports',
    main: html`<form id="report-form" class="card no-print"><div class="grid3">
${inputField({ name: 'month', label: 'Month', type: 'month', required: true })}
${inputField({ name: 'time_zone', label: 'Time zone', value: 'UTC', hint: 'The month’s days begin at midnight here.' })}
</div>${formError}${submitRow('Show report', html`<a class="button" id="report-csv" href="/api/v1/reports/sla" download>Download CSV</a><button type="button" id="report-print">Print</button>`)}</form>
<section aria-labelledby="report-h" id="report-section" hidden><h2 id="report-h" tabindex="-1">Report</h2>
<p id="report-summary"></p>
<div class="table-wrap" role="region" aria-label="Report table" tabindex="0"><table class="data" id="report">
<thead><tr><th scope="col">Component</th><th scope="col">Uptime</th><th scope="col">Downtime (min)</th><th scope="col">Incidents</th></tr></thead><tbody></tbody></table></div>
</section>`,
  };
}
