import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { slaReportSchema } from './sla-report-schema.ts';

test('the SLA report schema converts to JSON Schema (for the OpenAPI document)', () => {
  const json = z.toJSONSchema(slaReportSchema, { io: 'output', target: 'draft-2020-12' }) as {
    type: string;
    required: string[];
    additionalProperties: boolean;
  };
  assert.equal(json.type, 'object');
  assert.deepEqual(json.required.sort(), ['aggregate', 'components', 'generatedAt', 'period']);
  assert.equal(json.additionalProperties, false);
});

test('the schema refuses a report with a bad month or a percent over 100', () => {
  const base = {
    period: {
      month: '2026-10',
      timeZone: 'UTC',
      from: '2026-10-01T00:00:00.000Z',
      to: '2026-11-01T00:00:00.000Z',
      measuredUntil: '2026-11-01T00:00:00.000Z',
      complete: true,
    },
    generatedAt: '2026-11-02T00:00:00.000Z',
    components: [],
    aggregate: { componentCount: 0, uptimePercent: null, downtimeMinutes: 0, incidentCount: 0 },
  };
  assert.equal(slaReportSchema.safeParse(base).success, true);
  assert.equal(slaReportSchema.safeParse({ ...base, period: { ...base.period, month: '2026-13' } }).success, false);
  assert.equal(
    slaReportSchema.safeParse({ ...base, aggregate: { ...base.aggregate, uptimePercent: 100.5 } }).success,
    false,
  );
});
