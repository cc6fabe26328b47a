import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvField, renderSlaCsv } from './sla-csv.ts';
import { slaReportSchema, type SlaComponentReport, type SlaReport } from './sla-report-schema.ts';

function component(id: string, name: string, overrides: Partial<SlaComponentReport> = {}): SlaComponentReport {
  return {
    id,
    name,
    createdAt: null,
    uptimePercent: 99.865,
    periodMinutes: 44640,
    notExistingMinutes: 0,
    maintenanceMinutes: 30,
    countedMinutes: 44610,
    downtimeMinutes: 60,
    partialOutageMinutes: 15.5,
    majorOutageMinutes: 44.5,
    degradedMinutes: 7,
    noDataMinutes: 0,
    incidentCount: 2,
    incidents: [],
    checks: { checks: 100, failures: 1, maintenance: 0, uptimePercent: 99, monitors: [] },
    ...overrides,
  };
}

function report(components: SlaComponentReport[]): SlaReport {
  return slaReportSchema.parse({
    period: {
      month: '2026-10',
      timeZone: 'UTC',
      from: '2026-10-01T00:00:00.000Z',
      to: '2026-11-01T00:00:00.000Z',
      measuredUntil: '2026-11-01T00:00:00.000Z',
      complete: true,
    },
    generatedAt: '2026-11-02T00:00:00.000Z',
    components,
    aggregate: { componentCount: components.length, uptimePercent: null, downtimeMinutes: 0, incidentCount: 0 },
  });
}

test('header row, one CRLF-ended row per component, null uptime as an empty cell', () => {
  const csv = renderSlaCsv(
    report([
      component('api', 'API'),
      component('web', 'Web', {
        uptimePercent: null,
        checks: { checks: 0, failures: 0, maintenance: 0, uptimePercent: null, monitors: [] },
      }),
    ]),
  );
  assert.equal(
    csv,
    'component_id,component_name,uptime_percent,downtime_minutes,partial_outage_minutes,major_outage_minutes,maintenance_minutes,incidents,degraded_minutes,check_uptime_percent\r\n' +
      'api,API,99.865,60,15.5,44.5,30,2,7,99\r\n' +
      'web,Web,,60,15.5,44.5,30,2,7,\r\n',
  );
  assert.equal(renderSlaCsv(report([])).split('\r\n').length, 2);
});

test('quoting and escaping (RFC 4180)', () => {
  const rows: [string, string][] = [
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rlf', '"cr\rlf"'],
    ['', ''],
    ['Zürich – ok', 'Zürich – ok'],
  ];
  for (const [value, expected] of rows) assert.equal(csvField(value), expected, JSON.stringify(value));
});

test('formula injection is neutralised with a leading apostrophe', () => {
  const rows: [string, string][] = [
    ['=1+2', "'=1+2"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\t=x', "'\t=x"],
    ['\r=x', '"\'\r=x"'],
    ['=HYPERLINK("http://evil","x")', '"\'=HYPERLINK(""http://evil"",""x"")"'],
    ['a=b', 'a=b'],
  ];
  for (const [value, expected] of rows) assert.equal(csvField(value), expected, JSON.stringify(value));
  const csv = renderSlaCsv(report([component('=evil', '@SUM(1,2)')]));
  assert.match(csv, /\r\n'=evil,"'@SUM\(1,2\)",99\.865,/);
});

test('numbers are never prefixed, nulls are empty', () => {
  assert.equal(csvField(0), '0');
  assert.equal(csvField(99.999), '99.999');
  assert.equal(csvField(null), '');
});
