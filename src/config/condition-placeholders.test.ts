import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { monitorSchema, type MonitorInput } from './monitor-schema.ts';

function issuesOf(input: MonitorInput): { path: string; message: string }[] {
  const parsed = monitorSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('conditions name placeholders that the check type fills', () => {
  const rows: { name: string; input: MonitorInput; issues: { path: string; message: RegExp }[] }[] = [
    {
      name: 'http reads [STATUS] and [BODY]',
      input: {
        id: 'a',
        type: 'http',
        url: 'https://example.com',
        conditions: ['[STATUS] == 200', '[BODY].ok == true'],
      },
      issues: [],
    },
    {
      name: 'tcp reads [BODY]',
      input: {
        id: 'a',
        type: 'tcp',
        host: 'db',
        port: 5432,
        conditions: ['[CONNECTED] == true', '[BODY] contains SSH'],
      },
      issues: [],
    },
    {
      name: '[STATUS] on a tcp check',
      input: { id: 'a', type: 'tcp', host: 'db', port: 5432, conditions: ['[CONNECTED] == true', '[STATUS] == 200'] },
      issues: [
        {
          path: 'conditions.1',
          message:
            /^\[STATUS\] is never set by tcp checks \(they set \[CONNECTED\], \[RESPONSE_TIME\], \[BODY\], \[IP\]\)$/,
        },
      ],
    },
    {
      name: '[DNS_RCODE] in degraded_when of an http check',
      input: { id: 'a', type: 'http', url: 'https://example.com', degraded_when: '[DNS_RCODE] == NXDOMAIN' },
      issues: [{ path: 'degraded_when', message: /^\[DNS_RCODE\] is never set by http checks/ }],
    },
    {
      name: 'len() and has() read their placeholder too',
      input: { id: 'a', type: 'push', token: 'a-long-random-push-token', conditions: ['len([BODY]) > 0'] },
      issues: [{ path: 'conditions.0', message: /^\[BODY\] is never set by push checks/ }],
    },
    {
      name: 'a syntax error is reported once, by the condition schema',
      input: { id: 'a', type: 'tcp', host: 'db', port: 5432, conditions: ['[STATUS] =='] },
      issues: [{ path: 'conditions.0', message: /^invalid condition/ }],
    },
  ];
  for (const row of rows) {
    test(row.name, () => {
      const issues = issuesOf(row.input);
      assert.equal(issues.length, row.issues.length, JSON.stringify(issues));
      row.issues.forEach((want, i) => {
        assert.equal(issues[i]?.path, want.path);
        assert.match(issues[i]?.message ?? '', want.message);
      });
    });
  }
});
