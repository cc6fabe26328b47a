import { formatDuration } from '../../domain/duration.ts';
import { unresolvedIncidents, type StatusModel } from './status-model.ts';
import { renderStatus } from './statuspage/render-summary.ts';

const LABEL: Record<string, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A plain server-rendered page: overall status, components, unresolved incidents, monitors. (The full page is its own issue.) */
export function renderBarePage(model: StatusModel): string {
  const status = renderStatus(model);
  const components = model.components
    .map((c) => `<li class="${c.status}"><span>${escapeHtml(c.group ? `${c.group} / ${c.name}` : c.name)}</span> <strong>${LABEL[c.status] ?? c.status}</strong></li>`)
    .join('\n');
  const incidents = unresolvedIncidents(model)
    .map((i) => `<article><h3>${escapeHtml(i.name)}</h3><p>${escapeHtml(i.status)} · ${escapeHtml(i.impact)} impact · since ${new Date(i.createdAt).toISOString()}</p>${i.updates
      .slice()
      .reverse()
      .map((u) => `<p><b>${escapeHtml(u.status)}</b> ${new Date(u.createdAt).toISOString()} — ${escapeHtml(u.body)}</p>`)
      .join('')}</article>`)
    .join('\n');
  const monitors = model.monitors
    .map((m) => {
      const latency = m.lastLatencyMs === null ? '' : ` · ${m.lastLatencyMs} ms`;
      const since = m.statusSince === null ? '' : ` for ${formatDuration(model.builtAt - m.statusSince)}`;
      const error = m.lastError && m.status !== 'up' ? ` · ${escapeHtml(m.lastError)}` : '';
      return `<li class="${m.status}"><span>${escapeHtml(m.name)} (${m.type})</span> <strong>${m.status}${since}</strong>${latency}${error}</li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(model.page.name)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
.banner{padding:1rem;border-radius:.5rem;background:#1a7f37;color:#fff;font-weight:600}
.banner.minor{background:#9a6700}.banner.major{background:#bc4c00}.banner.critical{background:#cf222e}.banner.maintenance{background:#0969da}
ul{list-style:none;padding:0}li{display:flex;justify-content:space-between;gap:1rem;padding:.5rem 0;border-bottom:1px solid #d0d7de;flex-wrap:wrap}
.operational strong,.up strong{color:#1a7f37}.degraded_performance strong,.degraded strong{color:#9a6700}
.partial_outage strong,.major_outage strong,.down strong{color:#cf222e}.under_maintenance strong,.maintenance strong{color:#0969da}
@media (prefers-color-scheme: dark){body{background:#0d1117;color:#e6edf3}li{border-color:#30363d}}
</style></head><body>
<h1>${escapeHtml(model.page.name)}</h1>
<p class="banner ${status.indicator}" role="status">${escapeHtml(status.description)}</p>
${incidents ? `<h2>Active incidents</h2>\n${incidents}` : ''}
<h2>Components</h2><ul>${components || '<li>No components configured.</li>'}</ul>
<h2>Monitors</h2><ul>${monitors || '<li>No monitors configured.</li>'}</ul>
<p><small>Updated ${new Date(model.builtAt).toISOString()} · <a href="/api/v2/summary.json">summary.json</a></small></p>
</body></html>
`;
}
