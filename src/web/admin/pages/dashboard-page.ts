import { html } from '../../html/html.ts';
import type { PageBody } from './sign-in-pages.ts';

/** Every monitor with its live status; the table is filled and refreshed every 5 s from /api/v1/monitor-overview. */
export function dashboardPage(): PageBody {
  return {
    heading: 'Monitors',
    page: 'dashboard',
    section: 'dashboard',
    main: html`<div id="admin-notices" role="region" aria-label="Problems" hidden></div>
<div class="toolbar"><a class="button primary" href="/admin/monitors/new" data-needs="configure">New monitor</a>
<p class="hint" id="overview-updated" aria-live="off"></p></div>
<p class="summary" id="overview-summary"></p>
<div class="table-wrap" role="region" aria-labelledby="overview-caption" tabindex="0">
<table class="data" id="overview">
<caption id="overview-caption">Monitors, refreshed every 5 seconds</caption>
<thead><tr><th scope="col">Monitor</th><th scope="col">Status</th><th scope="col">Last check</th><th scope="col">Latency</th><th scope="col">Uptime 24 h</th><th scope="col">Last 24 hours</th></tr></thead>
<tbody><tr><td colspan="6">Loading…</td></tr></tbody>
</table></div>`,
  };
}
