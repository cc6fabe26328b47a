import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { monitorSchema, type MonitorInput } from '../config/monitor-schema.ts';
import { HostLimits, targetHostOf, type HostSlot } from './host-limits.ts';

describe('HostLimits', () => {
  test('at most perHost slots per host; other hosts are not affected', () => {
    const limits = new HostLimits(2);
    const a = limits.tryAcquire('slow.test');
    const b = limits.tryAcquire('slow.test');
    assert.ok(a && b);
    assert.equal(limits.tryAcquire('slow.test'), undefined);
    assert.ok(limits.tryAcquire('fast.test'));
    assert.equal(limits.inFlight('slow.test'), 2);
    a.release();
    a.release(); // a second release gives nothing back twice
    assert.equal(limits.inFlight('slow.test'), 1);
    assert.ok(limits.tryAcquire('slow.test'));
    assert.equal(limits.tryAcquire('slow.test'), undefined);
  });

  test('a freed slot goes to the longest waiter first', async () => {
    const limits = new HostLimits(1);
    const held = limits.tryAcquire('h')!;
    const order: string[] = [];
    const first = limits.acquire('h', { timeoutMs: 10_000 }).then((s) => (order.push('first'), s));
    const second = limits.acquire('h', { timeoutMs: 10_000 }).then((s) => (order.push('second'), s));
    assert.equal(limits.waiting('h'), 2);
    held.release();
    const s1 = await first;
    assert.ok(s1);
    assert.deepEqual(order, ['first']);
    assert.equal(limits.inFlight('h'), 1);
    s1.release();
    const s2 = await second;
    assert.ok(s2);
    assert.deepEqual(order, ['first', 'second']);
    s2.release();
    assert.equal(limits.inFlight('h'), 0);
    assert.equal(limits.waiting('h'), 0);
  });

  test('waiting is bounded: undefined after the timeout or on abort, and the line moves on', async () => {
    const limits = new HostLimits(1);
    const held = limits.tryAcquire('h')!;
    assert.equal(await limits.acquire('h', { timeoutMs: 5 }), undefined);
    const abort = new AbortController();
    const aborted = limits.acquire('h', { timeoutMs: 10_000, signal: abort.signal });
    const later = limits.acquire('h', { timeoutMs: 10_000 });
    abort.abort();
    assert.equal(await aborted, undefined);
    assert.equal(limits.waiting('h'), 1);
    held.release();
    assert.ok(await later);
    const already = new AbortController();
    already.abort();
    assert.equal(await limits.acquire('h', { timeoutMs: 10_000, signal: already.signal }), undefined);
  });

  test('20,000 waiters on one host: one abort listener on the shared signal, served in order, given up together', async () => {
    const limits = new HostLimits(2);
    const draining = new AbortController();
    let listeners = 0;
    const add = draining.signal.addEventListener.bind(draining.signal);
    draining.signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => {
      listeners += 1;
      add(...args);
    }) as AbortSignal['addEventListener'];
    const held = [limits.tryAcquire('h')!, limits.tryAcquire('h')!];
    const served: number[] = [];
    const waits = Array.from({ length: 20_000 }, (_, i) =>
      limits.acquire('h', { timeoutMs: 60_000, signal: draining.signal }).then((slot) => {
        if (slot) served.push(i);
        return slot;
      }),
    );
    // Node walks a signal's listeners on every add: one per waiter made 20,000 waiters quadratic
    assert.equal(listeners, 1);
    assert.equal(limits.waiting('h'), 20_000);
    for (let i = 0; i < 1_000; i++) {
      (held.shift() as HostSlot).release();
      held.push((await waits[i]) as HostSlot);
    }
    assert.deepEqual(
      served,
      Array.from({ length: 1_000 }, (_, i) => i),
    );
    assert.equal(limits.waiting('h'), 19_000);
    draining.abort();
    assert.equal((await Promise.all(waits.slice(1_000))).filter((s) => s !== undefined).length, 0);
    assert.equal(limits.waiting('h'), 0);
    for (const slot of held) slot.release();
    assert.equal(limits.inFlight('h'), 0);
  });

  test('rejects a limit below 1', () => {
    assert.throws(() => new HostLimits(0), /positive integer/);
  });
});

describe('targetHostOf', () => {
  const cases: { name: string; monitor: MonitorInput; host: string | undefined }[] = [
    {
      name: 'http: the url host',
      monitor: { id: 'a', type: 'http', url: 'https://API.Example.com:8443/health' },
      host: 'api.example.com',
    },
    { name: 'tcp: host', monitor: { id: 'b', type: 'tcp', host: 'db.internal', port: 5432 }, host: 'db.internal' },
    { name: 'tls: host', monitor: { id: 'c', type: 'tls', host: 'example.org' }, host: 'example.org' },
    {
      name: 'dns: the resolver',
      monitor: { id: 'd', type: 'dns', query: 'example.org', resolver: '10.0.0.53:5353' },
      host: '10.0.0.53',
    },
    {
      name: 'dns: the system resolver',
      monitor: { id: 'e', type: 'dns', query: 'example.org' },
      host: 'system-resolver',
    },
    { name: 'push: none', monitor: { id: 'f', type: 'push', token: 'push-token-0123456789abcdef' }, host: undefined },
  ];
  for (const c of cases) test(c.name, () => assert.equal(targetHostOf(monitorSchema.parse(c.monitor)), c.host));
});
