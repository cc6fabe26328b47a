import { html } from '../../html/html.ts';
import type { PageBody } from './sign-in-pages.ts';

const table = (id: string, caption: string, heads: string[]) =>
  html`<div class="table-wrap" role="region" aria-labelledby="${id}-caption" tabindex="0"><table class="data" id="${id}">
<caption id="${id}-caption">${caption}</caption>
<thead><tr>${heads.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody><tr><td colspan="${String(heads.length)}">Loading…</td></tr></tbody></table></div>`;

/**
 * One monitor: its status, uptime over 24 h, 7 d, 30 d and 90 d, response time per hour and per day, recent results
 * with their raw errors, status changes and incidents. The script fills it from GET /api/v1/monitors/:id/report.
 */
export function monitorPage(id: string): PageBody {
  return {
    heading: `Monitor ${id}`,
    page: 'monitor-report',
    section: 'dashboard',
    data: { id },
    main: html`<p class="crumbs"><a href="/admin">← All monitors</a> · <a href="/admin/monitors/${id}">Edit this monitor</a></p>
<section class="card" aria-labelledby="summary-h"><h2 id="summary-h">Now</h2>
<p id="monitor-summary" role="status">Loading…</p>
<dl class="uptime" id="monitor-uptime">${['24h', '7d', '30d', '90d'].map((p) => html`<div><dt>Uptime ${p.replace(/(\d+)/, '$1 ')}</dt><dd data-period="${p}">…</dd></div>`)}</dl></section>
<section class="card" aria-labelledby="latency-h"><h2 id="latency-h">Response time</h2>
<div class="tabs" role="group" aria-label="Period"><button type="button" class="small" data-series="hour" aria-pressed="true">Per hour, last 24 h</button> <button type="button" class="small" data-series="day" aria-pressed="false">Per day, last 30 days</button></div>
<figure class="latency" id="monitor-latency"><p>Loading…</p></figure></section>
<section class="card" aria-labelledby="results-caption">${table('results', 'Recent results (newest 20)', ['Time', 'Result', 'Time taken', 'Code', 'Error'])}</section>
<section class="card" aria-labelledby="changes-caption">${table('changes', 'Status changes (90 days)', ['Time', 'From', 'To', 'Reason'])}</section>
<section class="card" aria-labelledby="incidents-caption">${table('monitor-incidents', 'Incidents (90 days)', ['Opened', 'Incident', 'Impact', 'Status'])}</section>`,
  };
}
