import type { StatusModel } from '../../http/public/status-model.ts';
import { trustedHtml, type Html } from '../html/html.ts';

/**
 * The names of incidents that uptime-bar days refer to, as JSON for the day tooltips. `<`, `>` and `&` are
 * escaped as \u sequences, so that no name can close the script element.
 */
export function incidentNamesScript(model: StatusModel): Html {
  const referenced = new Set<string>();
  for (const h of model.history.values()) for (const d of h.days) for (const id of d.incidentIds) referenced.add(id);
  const names: Record<string, string> = {};
  for (const i of model.incidents) if (referenced.has(i.id)) names[i.id] = i.name;
  const json = JSON.stringify(names).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return trustedHtml(`<script type="application/json" id="incident-names">${json}</script>`);
}
