import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { STATUSPAGE_ENDPOINTS } from './statuspage-endpoints.ts';
import { STATUSPAGE_PATHS } from './statuspage-paths.ts';
import { SCENARIOS } from './statuspage-scenarios.ts';
import { STATUSPAGE_SCHEMAS } from './statuspage-schema.ts';

describe('every Statuspage endpoint matches the documented shape', () => {
  for (const [scenario, model] of Object.entries(SCENARIOS)) {
    for (const path of STATUSPAGE_PATHS) {
      test(`${path} — ${scenario}`, () => {
        // through JSON, as clients see it
        const payload: unknown = JSON.parse(JSON.stringify(STATUSPAGE_ENDPOINTS[path](model())));
        const result = STATUSPAGE_SCHEMAS[path].safeParse(payload);
        assert.ok(result.success, result.error?.message);
      });
    }
  }
});

describe('the schemas are strict', () => {
  const payload = () =>
    JSON.parse(JSON.stringify(STATUSPAGE_ENDPOINTS['summary.json'](SCENARIOS.fixture!()))) as Record<string, unknown>;
  test('an unknown field fails', () => {
    const p = payload();
    (p.page as Record<string, unknown>).extra = 1;
    assert.equal(STATUSPAGE_SCHEMAS['summary.json'].safeParse(p).success, false);
  });
  test('a missing field fails', () => {
    const p = payload();
    delete (p.components as Record<string, unknown>[])[0]!.only_show_if_degraded;
    assert.equal(STATUSPAGE_SCHEMAS['summary.json'].safeParse(p).success, false);
  });
  test('a wrong enum fails', () => {
    const p = payload();
    (p.status as Record<string, unknown>).indicator = 'ok';
    assert.equal(STATUSPAGE_SCHEMAS['summary.json'].safeParse(p).success, false);
  });
});

test('the endpoint map covers exactly the documented paths', () => {
  assert.deepEqual(Object.keys(STATUSPAGE_ENDPOINTS).sort(), [...STATUSPAGE_PATHS].sort());
});
