import type { ShownComponentStatus } from '../../domain/shown-component-status.ts';
import {
  shownStatus,
  type ComponentHistory,
  type ModelComponent,
  type StatusModel,
} from '../../http/public/status-model.ts';
import type { Translator } from '../../i18n/translator.ts';
import { pageTranslator } from '../../i18n/page-translator.ts';
import { domId, html, type Html, type HtmlPart } from '../html/html.ts';
import { clientMessages } from './client-messages.ts';
import { latencyPanel } from './latency-panel.ts';
import { iconForClass } from './status-icon.ts';
import { STATUS_CLASS, worstComponentStatus } from './status-labels.ts';
import { uptimeBar } from './uptime-bar.ts';

function statusTag(status: ShownComponentStatus, t: Translator): Html {
  const cls = STATUS_CLASS[status];
  return html`<span class="st s-${cls}">${iconForClass(cls)}${t.t(`status.${status}`)}</span>`;
}

/**
 * A component's bar and latency panel depend only on its history and its name, and the history is reloaded every
 * few seconds at most while a status change rebuilds the page at once: rendered once per history object.
 */
const historyParts = new WeakMap<ComponentHistory, { key: string; html: Html }>();

function historyHtml(c: ModelComponent, history: ComponentHistory, t: Translator): Html {
  // a translator is one language with one page's overrides: part of the key
  const key = `${c.id}\n${c.name}\n${t.id}`;
  const hit = historyParts.get(history);
  if (hit?.key === key) return hit.html;
  const out = html`${uptimeBar(c, history, t)}
${latencyPanel(c, history, t)}`;
  historyParts.set(history, { key, html: out });
  return out;
}

/**
 * Render (and keep) the history parts of some of a page's components ahead of the page itself: after the history is
 * reloaded every component's bar and chart are new, and rendering 250 of them in the page's own turn held the event
 * loop for tens of milliseconds. The snapshot calls this a few components per turn; the page then finds them kept.
 */
export function prepareComponentHistories(model: StatusModel, componentIds: readonly string[]): void {
  const t = pageTranslator(model.page);
  const byId = new Map(model.components.map((c) => [c.id, c]));
  for (const id of componentIds) {
    const c = byId.get(id);
    const history = model.history.get(id);
    if (c && history) historyHtml(c, history, t);
  }
}

function componentItem(model: StatusModel, c: ModelComponent, heading: 'h3' | 'h4', t: Translator): Html {
  const history = model.history.get(c.id);
  const name = heading === 'h3' ? html`<h3 class="cn">${c.name}</h3>` : html`<h4 class="cn">${c.name}</h4>`;
  const status = shownStatus(c);
  return html`<li class="cmp" id="${domId('c', c.id)}" data-status="${status}">
<div class="cmp-h">${name}${statusTag(status, t)}</div>
${c.description && html`<p class="cd">${c.description}</p>`}
${model.page.showErrors && status !== 'operational' ? lastErrors(model, c, t) : ''}
${history ? historyHtml(c, history, t) : '\n'}
</li>`;
}

/** On a page that opts in (`public.hide_errors: false`), what its monitors' checks last failed with. */
function lastErrors(model: StatusModel, c: ModelComponent, t: Translator): HtmlPart {
  const ids = new Set(c.monitorIds);
  const errors = model.monitors.flatMap((m) =>
    ids.has(m.id) && m.lastError !== null && m.status !== 'up'
      ? [html`<li>${m.name}: <code>${m.lastError}</code></li>`]
      : [],
  );
  return errors.length === 0 ? '' : html`<ul class="cerr" aria-label="${t.t('components.lastErrors')}">${errors}</ul>`;
}

type Block = { group: string; members: ModelComponent[] } | { group: null; members: [ModelComponent] };

/** Display order is kept: a group sits where its first member is; ungrouped components stand alone. */
function blocks(components: readonly ModelComponent[]): Block[] {
  const out: Block[] = [];
  const byGroup = new Map<string, ModelComponent[]>();
  for (const c of components) {
    if (c.group === null) out.push({ group: null, members: [c] });
    else if (byGroup.has(c.group)) byGroup.get(c.group)!.push(c);
    else {
      const members = [c];
      byGroup.set(c.group, members);
      out.push({ group: c.group, members });
    }
  }
  return out;
}

function groupBlock(model: StatusModel, group: string, members: readonly ModelComponent[], t: Translator): Html {
  const status = worstComponentStatus(members.map(shownStatus));
  const open = members[0]?.groupCollapsed ? '' : html` open`;
  return html`<li class="grp" data-status="${status}"><details${open} id="${domId('g', group)}">
<summary><h3 class="gn">${group}</h3><span class="count">${t.t('components.count', { count: members.length })}</span>${statusTag(status, t)}</summary>
<ul class="cmps">${members.map((c) => componentItem(model, c, 'h4', t))}</ul>
</details></li>`;
}

/** Component groups as collapsible <details> (open unless the group is `collapsed`) (a group shows its worst member), each component with its bar. */
export function componentList(model: StatusModel): Html {
  const t = pageTranslator(model.page);
  const items = blocks(model.components).map((b) =>
    b.group === null ? componentItem(model, b.members[0], 'h3', t) : groupBlock(model, b.group, b.members, t),
  );
  const counts = new Set<number>();
  for (const h of model.history.values())
    for (const d of h.days) if (d.incidentIds.length > 0) counts.add(d.incidentIds.length);
  const i18n = JSON.stringify(clientMessages([...counts], t));
  return html`<section class="sec" aria-labelledby="cmp-title" data-i18n="${i18n}"><h2 id="cmp-title">${t.t('components.title')}</h2>
${items.length === 0 ? html`<p class="card empty">${t.t('components.empty')}</p>` : html`<ul class="card cmps top-list">${items}</ul>`}
</section>`;
}
