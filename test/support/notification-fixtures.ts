import net, { type AddressInfo } from 'node:net';
import { Agent } from 'undici';
import type { NotificationEvent } from '../../src/notify/notification-event.ts';
import type { DeliveryContext } from '../../src/notify/notifier.ts';
import { defaultEgressPolicy } from '../../src/egress/egress-policy.ts';

/** Events as the dispatcher hands them to notifiers, for notifier tests: one per kind of message. */

export const FIXED_NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const PAGE = 'https://status.example.com';
const api = { id: 'api', name: 'Public API', status: 'major_outage' as const };

export const monitorDownEvent: NotificationEvent = {
  id: 'evt-down-1',
  type: 'monitor.down',
  at: FIXED_NOW,
  pageUrl: PAGE,
  components: [api],
  monitor: {
    id: 'api-health',
    name: 'API health',
    status: 'down',
    previousStatus: 'up',
    since: FIXED_NOW - 60_000,
    lastError: 'HTTP 503 from https://api.example.com/health',
    url: `${PAGE}/admin/monitors/api-health`,
  },
};

export const monitorUpEvent: NotificationEvent = {
  ...monitorDownEvent,
  id: 'evt-up-1',
  type: 'monitor.up',
  at: FIXED_NOW + 3_720_000,
  components: [{ ...api, status: 'operational' }],
  monitor: {
    ...monitorDownEvent.monitor!,
    status: 'up',
    previousStatus: 'down',
    since: FIXED_NOW + 3_720_000,
    lastError: null,
    downtimeMs: 3_720_000,
  },
};

export const incidentUpdatedEvent: NotificationEvent = {
  id: 'evt-inc-2',
  type: 'incident.updated',
  at: FIXED_NOW,
  pageUrl: PAGE,
  components: [api],
  incident: {
    id: 'inc-42',
    name: 'Elevated API errors',
    status: 'identified',
    impact: 'major',
    body: 'A bad deploy; rolling back.',
    createdAt: FIXED_NOW - 600_000,
    resolvedAt: null,
    url: `${PAGE}/incidents/inc-42`,
  },
};

export const maintenanceStartedEvent: NotificationEvent = {
  id: 'evt-mnt-1',
  type: 'maintenance.started',
  at: FIXED_NOW,
  pageUrl: PAGE,
  components: [{ ...api, status: 'under_maintenance' }],
  maintenance: {
    id: 'db~202611261200',
    title: 'Database patching',
    body: 'Writes may pause.',
    status: 'in_progress',
    start: FIXED_NOW,
    end: FIXED_NOW + 5_400_000,
    url: `${PAGE}/maintenance/db`,
  },
};

export const certificateExpiringEvent: NotificationEvent = {
  id: 'evt-cert-1',
  type: 'certificate.expiring',
  at: FIXED_NOW,
  pageUrl: PAGE,
  components: [],
  certificate: {
    monitorId: 'api-health',
    monitorName: 'API health',
    host: 'api.example.com',
    daysLeft: 7,
    expiresAt: FIXED_NOW + 7 * 86_400_000,
  },
};

/** Three changes coalesced into one message. */
export const digestEvent: NotificationEvent = {
  ...monitorDownEvent,
  id: 'evt-digest-1',
  digest: [monitorDownEvent, incidentUpdatedEvent, monitorUpEvent],
};

/** A context as the dispatcher builds one; call `close()` after the test. */
export function testDeliveryContext(
  idempotencyKey = 'evt-down-1:channel-1',
): DeliveryContext & { close(): Promise<void> } {
  const dispatcher = new Agent();
  return {
    idempotencyKey,
    signal: AbortSignal.timeout(10_000),
    dispatcher,
    egress: defaultEgressPolicy().guardFor('config'),
    now: () => FIXED_NOW,
    close: () => dispatcher.close(),
  };
}

/** A URL on 127.0.0.1 where nothing listens (connection refused). */
export async function refusedUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
