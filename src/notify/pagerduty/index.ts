import { alertActionsOf, type AlertAction } from '../message/alert-lifecycle.ts';
import { describeEvent, type Severity } from '../message/describe-event.ts';
import { redactSecrets } from '../http/redact-secrets.ts';
import { sendHttp } from '../http/send-http.ts';
import { urlOrigin } from '../http/url-origin.ts';
import type { NotificationEvent } from '../notification-event.ts';
import type { DeliveryResult, Notifier } from '../notifier.ts';
import { pagerdutyFields, type PagerdutyFields, pagerdutyFieldTexts } from './schema.ts';

export { pagerdutyFields };

type PagerdutySeverity = 'critical' | 'error' | 'warning' | 'info';

/** An Events API v2 event (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/). */
export type PagerdutyEvent =
  | { routing_key: string; event_action: 'resolve'; dedup_key: string }
  | {
      routing_key: string;
      event_action: 'trigger';
      dedup_key: string;
      payload: {
        summary: string;
        source: string;
        severity: PagerdutySeverity;
        timestamp: string;
        component?: string;
        group?: string;
        class: string;
        custom_details: Record<string, string>;
      };
      links: { href: string; text: string }[];
      client: string;
      client_url: string;
    };

const SUMMARY_MAX = 1024;

/** A Change Events API body (https://developer.pagerduty.com/docs/events-api-v2/send-change-events/): no incident, no page. */
export interface PagerdutyChangeEvent {
  routing_key: string;
  payload: { summary: string; source: string; timestamp: string; custom_details: Record<string, string> };
  links: { href: string; text: string }[];
}

/** The "Send test" as a change event: it shows on the service's timeline and proves the key, without paging anyone. */
export function renderPagerdutyTest(event: NotificationEvent, config: PagerdutyFields): PagerdutyChangeEvent {
  const d = describeEvent(event);
  return {
    routing_key: config.routing_key,
    payload: {
      summary: truncate(d.summary, SUMMARY_MAX),
      source: config.source ?? hostOf(event.pageUrl),
      timestamp: new Date(event.at).toISOString(),
      custom_details: Object.fromEntries(d.facts),
    },
    links: [{ href: d.url, text: 'Open in Pharos' }],
  };
}

/**
 * The Events API body for one open or close (pure). A trigger with a dedup_key already open adds to that alert; the
 * resolve with the same key closes it. A certificate warning is a `warning`, or an `error` within a week: it needs a
 * person, not a 3 a.m. page.
 */
export function renderPagerdutyEvent(
  action: Exclude<AlertAction, { action: 'skip' | 'test' }>,
  config: PagerdutyFields,
): PagerdutyEvent {
  if (action.action === 'close')
    return { routing_key: config.routing_key, event_action: 'resolve', dedup_key: action.key };
  const event = action.event;
  const d = describeEvent(event);
  const severity: PagerdutySeverity =
    event.type === 'certificate.expiring' ? (d.severity === 'critical' ? 'error' : 'warning') : toSeverity(d.severity);
  const title = d.title.replace(/^\S+ /, ''); // without the icon
  const components = event.components.map((c) => c.name).join(', ');
  return {
    routing_key: config.routing_key,
    event_action: 'trigger',
    dedup_key: action.key,
    payload: {
      summary: truncate(`${title} — ${d.summary}`, SUMMARY_MAX),
      source: config.source ?? hostOf(event.pageUrl),
      severity,
      timestamp: new Date(event.at).toISOString(),
      ...componentOf(event),
      ...(components ? { group: truncate(components, 255) } : {}),
      class: event.type,
      custom_details: Object.fromEntries([['Summary', d.summary], ...d.facts]),
    },
    links: [{ href: d.url, text: 'Open in Pharos' }],
    client: 'Pharos',
    client_url: event.pageUrl,
  };
}

export const pagerdutyNotifier: Notifier<'pagerduty', typeof pagerdutyFields> = {
  type: 'pagerduty',
  fields: pagerdutyFields,
  fieldTexts: pagerdutyFieldTexts,
  secretFields: ['routing_key'],
  secretTarget: (config) => urlOrigin(config.api_url),
  template: { routing_key: '0123456789abcdef0123456789abcdef' },
  async send(event, config, ctx) {
    const base = config.api_url.replace(/\/+$/, '');
    const url = `${base}/v2/enqueue`;
    const actions = alertActionsOf(event);
    let result: DeliveryResult = { ok: true };
    for (const [i, action] of actions.entries()) {
      if (action.action === 'skip') continue;
      // each part of a digest is its own request; keep their idempotency keys apart
      const partCtx = actions.length > 1 ? { ...ctx, idempotencyKey: `${ctx.idempotencyKey}:${i}` } : ctx;
      result =
        action.action === 'test'
          ? await sendHttp(partCtx, `${base}/v2/change/enqueue`, {
              body: JSON.stringify(renderPagerdutyTest(action.event, config)),
            })
          : await sendHttp(partCtx, url, { body: JSON.stringify(renderPagerdutyEvent(action, config)) });
      if (!result.ok) return redactSecrets(result, [config.routing_key]);
    }
    return result;
  },
};

function toSeverity(s: Severity): PagerdutySeverity {
  return s === 'ok' ? 'info' : s;
}

function componentOf(event: NotificationEvent): { component?: string } {
  const name = event.monitor?.name ?? event.certificate?.host ?? event.incident?.name;
  return name ? { component: truncate(name, 255) } : {};
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'pharos';
  }
}
