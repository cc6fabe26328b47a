import { alertActionsOf, type AlertAction } from '../message/alert-lifecycle.ts';
import { describeEvent } from '../message/describe-event.ts';
import { redactSecrets } from '../http/redact-secrets.ts';
import { sendHttp } from '../http/send-http.ts';
import { urlOrigin } from '../http/url-origin.ts';
import type { DeliveryResult, Notifier } from '../notifier.ts';
import {
  OPSGENIE_API_URLS,
  opsgenieFields,
  type OpsgenieFields,
  type OpsgeniePriority,
  opsgenieFieldTexts,
} from './schema.ts';

export { opsgenieFields };

export interface OpsgenieCreateAlert {
  message: string;
  alias: string;
  description: string;
  priority: OpsgeniePriority;
  tags: string[];
  details: Record<string, string>;
  entity?: string;
  source: 'Pharos';
}

export interface OpsgenieCloseAlert {
  source: 'Pharos';
  note: string;
}

/** One Alert API request: its path below the API host and its body (pure). */
export type OpsgenieRequest = { path: string; body: OpsgenieCreateAlert | OpsgenieCloseAlert };

const LIMITS = { message: 130, description: 15_000, detailValue: 500, entity: 512, note: 25_000 };

/**
 * Create (POST /v2/alerts) with the alert's alias, or close it by that alias
 * (POST /v2/alerts/<alias>/close?identifierType=alias). Opsgenie de-duplicates a create on an open alias, so a reminder
 * or an incident update counts on the same alert instead of paging again.
 */
export function renderOpsgenieRequest(
  action: Exclude<AlertAction, { action: 'skip' }>,
  config: OpsgenieFields,
): OpsgenieRequest {
  const d = describeEvent(action.event);
  if (action.action === 'close') return closeRequest(action.key, d.summary);
  const event = action.event;
  const title = d.title.replace(/^\S+ /, ''); // without the icon
  const entity = event.monitor?.name ?? event.certificate?.host ?? event.incident?.name;
  const description = [d.summary, '', ...d.facts.map(([k, v]) => `${k}: ${v}`), '', d.url].join('\n');
  return {
    path: '/v2/alerts',
    body: {
      message: truncate(title, LIMITS.message),
      alias: action.key,
      description: truncate(description, LIMITS.description),
      // a test is informational whatever the map says for "info": it must not page
      priority: action.action === 'test' ? 'P5' : config.priorities[d.severity === 'ok' ? 'info' : d.severity],
      tags: ['pharos', ...config.tags, ...(action.action === 'test' ? ['test'] : [])],
      details: Object.fromEntries([
        ...d.facts.map(([k, v]): [string, string] => [k, truncate(v, LIMITS.detailValue)]),
        ['Event', event.type],
        ['Link', d.url],
      ]),
      ...(entity ? { entity: truncate(entity, LIMITS.entity) } : {}),
      source: 'Pharos',
    },
  };
}

/** Close the alert with this alias. */
export function closeRequest(alias: string, note: string): OpsgenieRequest {
  return {
    path: `/v2/alerts/${encodeURIComponent(alias)}/close?identifierType=alias`,
    body: { source: 'Pharos', note: truncate(note, LIMITS.note) },
  };
}

export const opsgenieNotifier: Notifier<'opsgenie', typeof opsgenieFields> = {
  type: 'opsgenie',
  fields: opsgenieFields,
  fieldTexts: opsgenieFieldTexts,
  secretFields: ['api_key'],
  secretTarget: (config) => urlOrigin(opsgenieBaseUrl(config)),
  template: { api_key: '00000000-0000-0000-0000-000000000000', region: 'us' },
  async send(event, config, ctx) {
    const base = opsgenieBaseUrl(config);
    const actions = alertActionsOf(event);
    let result: DeliveryResult = { ok: true };
    for (const [i, action] of actions.entries()) {
      if (action.action === 'skip') continue;
      // a test is an informational alert closed at once (the list shows it was received; nobody is paged for it)
      const requests = [renderOpsgenieRequest(action, config)];
      if (action.action === 'test') requests.push(closeRequest(action.key, describeEvent(action.event).summary));
      for (const [j, { path, body }] of requests.entries()) {
        // each part of a digest, and a test's close, is its own request; keep their idempotency keys apart
        const key = `${ctx.idempotencyKey}${actions.length > 1 ? `:${i}` : ''}${j > 0 ? `:${j}` : ''}`;
        result = await sendHttp({ ...ctx, idempotencyKey: key }, `${base}${path}`, {
          headers: { authorization: `GenieKey ${config.api_key}` },
          body: JSON.stringify(body),
        });
        if (!result.ok) return redactSecrets(result, [config.api_key]);
      }
    }
    return result;
  },
};

/** The API host: the override, or the region's. */
export function opsgenieBaseUrl(config: OpsgenieFields): string {
  return (config.api_url ?? OPSGENIE_API_URLS[config.region]).replace(/\/+$/, '');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
