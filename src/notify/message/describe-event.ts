import type { NotificationEvent } from '../notification-event.ts';
import { formatDuration } from './format-duration.ts';

/** From worst to best; feeds the type and the webhook payload's zod enum. */
export const SEVERITIES = ['critical', 'warning', 'info', 'ok'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A message as every provider shows it, whatever its format: what is wrong, since when, the last error, a link. */
export interface EventDescription {
  /** one line: "🔴 API health is down" */
  title: string;
  /** a sentence or two, plain text */
  summary: string;
  /** label/value pairs for providers with fields (Slack, Discord, Teams …) */
  facts: [string, string][];
  severity: Severity;
  /** hex colour for the severity */
  color: string;
  /** where to look */
  url: string;
}

const COLORS: Record<Severity, string> = { critical: '#cf222e', warning: '#bc4c00', info: '#0969da', ok: '#1a7f37' };
const ICONS: Record<Severity, string> = { critical: '🔴', warning: '🟠', info: '🔵', ok: '🟢' };

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The shared wording of every event (pure; providers only lay it out). */
export function describeEvent(event: NotificationEvent): EventDescription {
  const base = describeOne(event);
  if (event.digest && event.digest.length > 1) {
    const parts = event.digest.map(describeOne);
    const worst = parts.some((p) => p.severity === 'critical')
      ? 'critical'
      : parts.some((p) => p.severity === 'warning')
        ? 'warning'
        : parts.every((p) => p.severity === 'ok')
          ? 'ok'
          : 'info';
    return {
      title: `${ICONS[worst]} ${event.digest.length} changes on ${hostOf(event.pageUrl)}`,
      summary: parts
        .slice(0, 50)
        .map((p) => `• ${p.title.replace(/^\S+ /, '')}`)
        .join('\n')
        .concat(parts.length > 50 ? `\n… and ${parts.length - 50} more` : ''),
      facts: [['Changes', String(parts.length)]],
      severity: worst,
      color: COLORS[worst],
      url: event.pageUrl,
    };
  }
  return base;
}

function describeOne(event: NotificationEvent): EventDescription {
  const d = (
    severity: Severity,
    title: string,
    summary: string,
    facts: [string, string][],
    url: string,
  ): EventDescription => ({
    title: `${ICONS[severity]} ${title}`,
    summary,
    facts,
    severity,
    color: COLORS[severity],
    url,
  });
  const components = event.components.map((c) => c.name).join(', ');
  const m = event.monitor;
  const i = event.incident;
  const w = event.maintenance;
  switch (event.type) {
    case 'monitor.down':
      return d(
        'critical',
        `${m?.name ?? 'A monitor'} is down${event.reminder ? ` (still, reminder ${event.reminder})` : ''}`,
        `Down since ${iso(m?.since ?? event.at)}${m?.lastError ? `: ${m.lastError}` : '.'}`,
        [
          ['Since', iso(m?.since ?? event.at)],
          ['Last error', m?.lastError ?? '—'],
          ...(components ? ([['Components', components]] as [string, string][]) : []),
        ],
        m?.url ?? event.pageUrl,
      );
    case 'monitor.degraded':
      return d(
        'warning',
        `${m?.name ?? 'A monitor'} is degraded`,
        `Degraded since ${iso(m?.since ?? event.at)}${m?.lastError ? `: ${m.lastError}` : '.'}`,
        [
          ['Since', iso(m?.since ?? event.at)],
          ...(components ? ([['Components', components]] as [string, string][]) : []),
        ],
        m?.url ?? event.pageUrl,
      );
    case 'monitor.up':
      return d(
        'ok',
        `${m?.name ?? 'A monitor'} is back up`,
        `Recovered at ${iso(event.at)}${m?.downtimeMs !== undefined ? ` after ${formatDuration(m.downtimeMs)} of downtime` : ''}.`,
        [
          ['Downtime', m?.downtimeMs !== undefined ? formatDuration(m.downtimeMs) : '—'],
          ...(components ? ([['Components', components]] as [string, string][]) : []),
        ],
        m?.url ?? event.pageUrl,
      );
    case 'incident.created':
    case 'incident.updated':
    case 'incident.resolved': {
      const verb =
        event.type === 'incident.created' ? 'New incident' : event.type === 'incident.resolved' ? 'Resolved' : 'Update';
      const severity: Severity =
        event.type === 'incident.resolved'
          ? 'ok'
          : i?.impact === 'critical' || i?.impact === 'major'
            ? 'critical'
            : i?.impact === 'minor'
              ? 'warning'
              : 'info';
      const duration = i?.resolvedAt ? ` after ${formatDuration(i.resolvedAt - i.createdAt)}` : '';
      return d(
        severity,
        `${verb}: ${i?.name ?? 'incident'}`,
        `${i?.status ?? ''}${duration}${i?.body ? ` — ${i.body}` : ''}`.trim(),
        [
          ['Status', i?.status ?? '—'],
          ['Impact', i?.impact ?? '—'],
          ...(components ? ([['Components', components]] as [string, string][]) : []),
        ],
        i?.url ?? event.pageUrl,
      );
    }
    case 'maintenance.scheduled':
    case 'maintenance.started':
    case 'maintenance.completed': {
      const verb =
        event.type === 'maintenance.scheduled'
          ? 'Maintenance scheduled'
          : event.type === 'maintenance.started'
            ? 'Maintenance started'
            : 'Maintenance completed';
      return d(
        event.type === 'maintenance.completed' ? 'ok' : 'info',
        `${verb}: ${w?.title ?? ''}`,
        `${w ? `${iso(w.start)} – ${iso(w.end)}` : ''}${w?.body ? ` — ${w.body}` : ''}`,
        [
          ['Window', w ? `${iso(w.start)} – ${iso(w.end)}` : '—'],
          ...(components ? ([['Components', components]] as [string, string][]) : []),
        ],
        w?.url ?? event.pageUrl,
      );
    }
    case 'test':
      return d(
        'info',
        'This is a test from Pharos',
        testSentence(event),
        [
          ['Channel', event.test?.channelId ?? '—'],
          ['Sent', iso(event.at)],
          ...(event.test?.requestedBy ? ([['Sent by', event.test.requestedBy]] as [string, string][]) : []),
        ],
        event.pageUrl,
      );
    case 'certificate.expiring': {
      const c = event.certificate;
      return d(
        c && c.daysLeft <= 7 ? 'critical' : 'warning',
        `Certificate of ${c?.host ?? '?'} expires in ${c?.daysLeft ?? '?'} day${c?.daysLeft === 1 ? '' : 's'}`,
        `The TLS certificate checked by ${c?.monitorName ?? 'a monitor'} expires at ${c ? iso(c.expiresAt) : '?'}.`,
        [
          ['Expires', c ? iso(c.expiresAt) : '—'],
          ['Monitor', c?.monitorName ?? '—'],
        ],
        event.pageUrl,
      );
    }
  }
}

/** The wording every notifier uses for a test (the webhook's `summary`, the mail's text, the chat message). */
export function testSentence(event: NotificationEvent): string {
  const channel = event.test ? ` to the channel "${event.test.channelId}"` : '';
  return `This is a test from Pharos (${hostOf(event.pageUrl)})${channel}: no monitor changed and no action is needed.`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
