import type { ComponentHistory, ModelComponent, StatusModel } from '../../http/public/status-model.ts';
import { domId, html, type Html } from '../html/html.ts';
import { latencyPanel } from './latency-panel.ts';
import { iconForClass } from './status-icon.ts';
import { COMPONENT_STATUS_LABEL, STATUS_CLASS, worstComponentStatus } from './status-labels.ts';
import { uptimeBar } from './uptime-bar.ts';

function statusTag(status: ModelComponent['status']): Html {
  const cls = STATUS_CLASS[status];
  return html`<span class="st s-${cls}">${iconForClass(cls)}${COMPONENT_STATUS_LABEL[status]}</span>`;
}

/**
 * A component's bar and latency panel depend only on its history and its name, and the history is reloaded every
 * few seconds at most while a status change rebuilds the page at once: rendered once per history object.
 */
const historyParts = new WeakMap<ComponentHistory, { key: string; html: Html }>();

function historyHtml(c: ModelComponent, history: ComponentHistory): Html {
  const key = `${c.id}\n${c.name}`;
  const hit = historyParts.get(history);
  if (hit?.key === key) return hit.html;
  const out = html`${uptimeBar(c, history)}
${latencyPanel(c, history)}`;
  historyParts.set(history, { key, html: out });
  return out;
}

function componentItem(model: StatusModel, c: ModelComponent, heading: 'h3' | 'h4'): Html {
  const history = model.history.get(c.id);
  const name = heading === 'h3' ? html`<h3 class="cn">${c.name}</h3>` : html`<h4 class="cn">${c.name}</h4>`;
  return html`<li class="cmp" id="${domId('c', c.id)}" data-status="${c.status}">
<div class="cmp-h">${name}${statusTag(c.status)}</div>
${c.description && html`<p class="cd">${c.description}</p>`}
${history ? historyHtml(c, history) : '\n'}
</li>`;
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

function groupBlock(model: StatusModel, group: string, members: readonly ModelComponent[]): Html {
  const status = worstComponentStatus(members.map((c) => c.status));
  return html`<li class="grp" data-status="${status}"><details open id="${domId('g', group)}">
<summary><h3 class="gn">${group}</h3><span class="count">${members.length} ${members.length === 1 ? 'component' : 'components'}</span>${statusTag(status)}</summary>
<ul class="cmps">${members.map((c) => componentItem(model, c, 'h4'))}</ul>
</details></li>`;
}

/** Component groups as collapsible <details open> (a group shows its worst member), each component with its bar. */
export function componentList(model: StatusModel): Html {
  const items = blocks(model.components).map((b) =>
    b.group === null ? componentItem(model, b.members[0], 'h3') : groupBlock(model, b.group, b.members),
  );
  return html`<section class="sec" aria-labelledby="cmp-title"><h2 id="cmp-title">Components</h2>
${items.length === 0 ? html`<p class="card empty">No components are shown on this page yet.</p>` : html`<ul class="card cmps top-list">${items}</ul>`}
</section>`;
}
