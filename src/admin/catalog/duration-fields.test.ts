import assert from 'node:assert/strict';
import { test } from 'node:test';
import { monitorSchema } from '../../config/monitor-schema.ts';
import { AdminError } from '../admin-error.ts';
import { acceptDurationCompanions, durationPaths, showDurations } from './duration-fields.ts';

test('durationPaths finds every duration of the monitor schema (common and per check type)', () => {
  const keys = durationPaths(monitorSchema).map((p) => p.join('.'));
  for (const k of ['interval', 'timeout', 'grace']) assert.ok(keys.includes(k), `${k} in ${keys.join(',')}`);
});

test('showDurations and acceptDurationCompanions: as written with _ms, and back', () => {
  const paths = [['interval'], ['rules', '*', 'every']];
  const shown = showDurations({ interval: 30_000, rules: [{ every: 90_000 }] }, paths);
  assert.deepEqual(shown, { interval: '30s', interval_ms: 30_000, rules: [{ every: '90s', every_ms: 90_000 }] });
  assert.deepEqual(acceptDurationCompanions(shown, paths), { interval: '30s', rules: [{ every: '90s' }] });
  assert.deepEqual(acceptDurationCompanions({ interval_ms: 5000 }, paths), { interval: 5000 });
  assert.throws(
    () => acceptDurationCompanions({ interval: '1m', interval_ms: 5000, rules: [{ every_ms: -1 }] }, paths),
    (err: unknown) =>
      err instanceof AdminError &&
      JSON.stringify(err.extra.issues?.map((i) => i.path)) ===
        JSON.stringify(['body.interval_ms', 'body.rules.0.every_ms']),
  );
});

test('a body nested thousands deep is no trouble (no full clone)', () => {
  let deep: unknown = {};
  for (let i = 0; i < 100_000; i++) deep = { a: deep };
  const body = { interval: '30s', a: deep };
  assert.equal((acceptDurationCompanions(body, [['interval']]) as { a: unknown }).a, deep);
});
