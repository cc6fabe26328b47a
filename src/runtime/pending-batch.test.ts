import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Incident } from '../domain/incident.ts';
import type { NotificationEvent } from '../notify/notification-event.ts';
import { PendingBatch } from './pending-batch.ts';

const result = (monitorId: string) => ({
  monitorId,
  startedAt: 1,
  latencyMs: 1,
  ok: false,
  degraded: false,
  maintenance: false,
  statusCode: null,
  error: 'x',
});
const incident = (id: string, componentIds: string[], source: Incident['source'] = 'auto'): Incident => ({
  id,
  name: id,
  status: 'investigating',
  impact: 'major',
  source,
  componentIds,
  createdAt: 1,
  updatedAt: 1,
  resolvedAt: null,
  updates: [],
});
const event = (id: string, extra: Partial<NotificationEvent>): NotificationEvent =>
  ({ id, type: 'monitor.down', at: 1, pageUrl: 'http://x', components: [], ...extra }) as NotificationEvent;
const row = (e: NotificationEvent) => ({
  id: `${e.id}:channel:c`,
  eventId: e.id,
  eventType: e.type,
  targetKind: 'channel' as const,
  targetId: 'c',
  event: e,
  createdAt: 1,
  nextAttemptAt: 1,
});

test('retainHeld keeps what the worker holds and drops the rest, row kind by row kind', () => {
  const b = new PendingBatch();
  b.results.push(result('kept'), result('lost'), result('lost'));
  b.statusChanges.push(
    { monitorId: 'kept', from: 'up', to: 'down', at: 1, reason: null },
    { monitorId: 'lost', from: 'up', to: 'down', at: 1, reason: null },
  );
  b.states.set('kept', { monitorId: 'kept' } as never);
  b.states.set('lost', { monitorId: 'lost' } as never);
  b.componentStatuses.set('cKept', { componentId: 'cKept', status: 'major_outage', since: 1 });
  b.componentStatuses.set('cLost', { componentId: 'cLost', status: 'major_outage', since: 1 });
  b.incidents.set('iKept', incident('iKept', ['cKept']));
  b.incidents.set('iLost', incident('iLost', ['cLost']));
  b.incidents.set('iManual', incident('iManual', ['cLost'], 'manual'));
  b.notifications.push(
    row(event('n1', { monitor: { id: 'kept' } as never })),
    row(event('n2', { monitor: { id: 'lost' } as never })),
    row(event('n3', { type: 'incident.created', incident: { id: 'iLost' } as never })),
    row(event('n4', { type: 'incident.created', incident: { id: 'iKept' } as never })),
    row(event('n5', { type: 'maintenance.started' })),
  );
  b.events.push(
    { type: 'monitor.status', monitorId: 'lost', from: 'up', to: 'down', at: 1 },
    { type: 'component.status', componentId: 'cKept', from: 'operational', to: 'major_outage', at: 1 },
    { type: 'incident.changed', incidentId: 'iLost', status: 'investigating', at: 1 },
    { type: 'notifications.queued', count: 1, at: 1 },
  );

  const dropped = b.retainHeld({ monitorIds: new Set(['kept']), componentIds: new Set(['cKept']) });

  assert.equal(dropped, 2);
  assert.deepEqual(
    b.results.map((r) => r.monitorId),
    ['kept'],
  );
  assert.deepEqual(
    b.statusChanges.map((c) => c.monitorId),
    ['kept'],
  );
  assert.deepEqual([...b.states.keys()], ['kept']);
  assert.deepEqual([...b.componentStatuses.keys()], ['cKept']);
  assert.deepEqual(
    [...b.incidents.keys()].sort(),
    ['iKept', 'iManual'],
    "a manual incident is never the fence's to drop",
  );
  assert.deepEqual(
    b.notifications.map((n) => n.eventId),
    ['n1', 'n4', 'n5'],
  );
  assert.deepEqual(
    b.events.map((e) => e.type),
    ['component.status', 'notifications.queued'],
  );
});

test('retainHeld keeps the results of a lost monitor whose checks started before the takeover', () => {
  const b = new PendingBatch();
  b.results.push(
    { ...result('lost'), startedAt: 100 },
    { ...result('lost'), startedAt: 200 },
    { ...result('lost'), startedAt: 300 },
    { ...result('gone'), startedAt: 100 },
  );
  b.states.set('lost', { monitorId: 'lost' } as never);
  const dropped = b.retainHeld({ monitorIds: new Set(), componentIds: new Set() }, (id) =>
    id === 'lost' ? 250 : undefined,
  );
  assert.equal(dropped, 2);
  assert.deepEqual(
    b.results.map((r) => `${r.monitorId}@${r.startedAt}`),
    ['lost@100', 'lost@200'],
  );
  assert.equal(b.states.size, 0, 'the new owner decides the state');
});
