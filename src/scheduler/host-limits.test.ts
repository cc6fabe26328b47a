import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { monitorSchema, type MonitorInput } from '../config/monitor-schema.ts';
import { HostLimits, targetHostOf } from './host-limits.ts';

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

  test('rejects a limit below 1', () => {
    assert.throws(() => new HostLimits(0), /positive integer/);
  });
});

describe('targetHostOf', () => {
  const cases: { name: string; monitor: MonitorInput; host: string | undefined }[] = [
    { name: 'http: the url host', monitor: { id: 'a', type: 'http', url: 'https://API.Example.com:8443/health' }, host: 'api.example.com' },
    { name: 'tcp: host', monitor: { id: 'b', type: 'tcp', host: 'db.internal', port: 5432 }, host: 'db.internal' },
    { name: 'tls: host', monitor: { id: 'c', type: 'tls', host: 'example.org' }, host: 'example.org' },
    { name: 'dns: the resolver', monitor: { id: 'd', type: 'dns', query: 'example.org', resolver: '10.0.0.53:5353' }, host: '10.0.0.53' },
    { name: 'dns: the system resolver', monitor: { id: 'e', type: 'dns', query: 'example.org' }, host: 'system-resolver' },
    { name: 'push: none', monitor: { id: 'f', type: 'push', token: 'push-token-0123456789abcdef' }, host: undefined },
  ];
  for (const c of cases) test(c.name, () => assert.equal(targetHostOf(monitorSchema.parse(c.monitor)), c.host));
});
