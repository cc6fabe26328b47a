import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError } from './config-error.ts';
import { parseConfigText } from './load-config.ts';

function issuesOf(text: string, env: NodeJS.ProcessEnv = {}) {
  try {
    parseConfigText(text, 'pharos.yaml', env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.issues;
  }
  assert.fail('expected a ConfigError');
}

const VALID = `
title: Acme Status
server: { port: 3000, base_url: http://localhost:3000 }
storage: { url: "sqlite:./data/pharos.db" }
components:
  - id: api
    name: Public API
    group: Backend
    monitors: [api-health]
monitors:
  - id: api-health
    type: http
    url: http://127.0.0.1:8080/health
    method: GET
    interval: 30s
    timeout: 5s
    conditions:
      - "[STATUS] == 200"
      - "[RESPONSE_TIME] < 800"
      - "[BODY].status == ok"
    degraded_when: "[RESPONSE_TIME] > 400"
    failure_threshold: 3
    success_threshold: 2
`;

describe('config loading', () => {
  test('the documented example loads with durations in ms and defaults filled', () => {
    const config = parseConfigText(VALID, 'pharos.yaml', {});
    const m = config.monitors[0]!;
    assert.equal(m.interval, 30_000);
    assert.equal(m.timeout, 5_000);
    assert.equal(m.failure_threshold, 3);
    assert.equal(m.name, 'api-health');
    assert.equal(config.retention.raw, 14 * 86_400_000);
    assert.equal(config.components[0]!.auto_incident, true);
    assert.ok(Object.isFrozen(config.monitors[0]));
  });

  test('default conditions come from the check type', () => {
    const config = parseConfigText(
      'monitors:\n  - id: t\n    type: tcp\n    host: 127.0.0.1\n    port: 22\n',
      'x.yaml',
      {},
    );
    assert.deepEqual(config.monitors[0]!.conditions, ['[CONNECTED] == true']);
  });

  test('${ENV} and ${ENV:-default} are substituted; a missing variable names its key and line', () => {
    const text = 'title: ${TITLE}\nstorage:\n  url: ${DB:-sqlite:./x.db}\n';
    const config = parseConfigText(text, 'x.yaml', { TITLE: 'From env' });
    assert.equal(config.title, 'From env');
    assert.equal(config.storage.url, 'sqlite:./x.db');
    const [issue] = issuesOf(text, {});
    assert.equal(issue!.path, 'title');
    assert.equal(issue!.line, 1);
    assert.match(issue!.message, /TITLE is not set/);
  });

  const rows: { name: string; text: string; path: string; line: number; message: RegExp }[] = [
    {
      name: 'bad duration',
      text: 'monitors:\n  - id: a\n    type: tcp\n    host: h\n    port: 1\n    interval: 30 seconds\n',
      path: 'monitors[0].interval',
      line: 6,
      message: /not a duration/,
    },
    {
      name: 'interval under 1 s',
      text: 'monitors:\n  - id: a\n    type: tcp\n    host: h\n    port: 1\n    interval: 500ms\n',
      path: 'monitors[0].interval',
      line: 6,
      message: /at least 1000/,
    },
    {
      name: 'unknown type',
      text: 'monitors:\n  - id: a\n    type: ftp\n',
      path: 'monitors[0].type',
      line: 3,
      message: /.+/,
    },
    { name: 'unknown key', text: 'title: x\ncolour: red\n', path: 'colour', line: 2, message: /unknown key "colour"/ },
    {
      name: 'bad condition',
      text: 'monitors:\n  - id: a\n    type: tcp\n    host: h\n    port: 1\n    conditions:\n      - "[STATUS] === 200"\n',
      path: 'monitors[0].conditions[0]',
      line: 7,
      message: /invalid condition/,
    },
    {
      name: 'component names a missing monitor',
      text: 'components:\n  - id: c\n    name: C\n    monitors: [nope]\n',
      path: 'components[0].monitors[0]',
      line: 4,
      message: /no monitor with id "nope"/,
    },
    {
      name: 'duplicate monitor id',
      text: 'monitors:\n  - { id: a, type: tcp, host: h, port: 1 }\n  - { id: a, type: tcp, host: h, port: 2 }\n',
      path: 'monitors[1].id',
      line: 3,
      message: /duplicate id/,
    },
    {
      name: 'port out of range',
      text: 'monitors:\n  - id: a\n    type: tcp\n    host: h\n    port: 70000\n',
      path: 'monitors[0].port',
      line: 5,
      message: /.+/,
    },
    {
      name: 'bad storage url',
      text: 'storage:\n  url: mysql://x\n',
      path: 'storage.url',
      line: 2,
      message: /sqlite:PATH or postgres/,
    },
    { name: 'yaml syntax', text: 'title: [unclosed\n', path: '', line: 2, message: /.+/ },
  ];
  for (const row of rows) {
    test(`error: ${row.name}`, () => {
      const issues = issuesOf(row.text);
      const issue = issues.find((i) => i.path === row.path) ?? issues[0]!;
      assert.equal(issue.path, row.path, JSON.stringify(issues));
      assert.equal(issue.line, row.line, JSON.stringify(issues));
      assert.match(issue.message, row.message);
    });
  }
});

test('an unquoted ${VAR} that spells a number becomes a number; a quoted one stays text', () => {
  const config = parseConfigText('server:\n  port: ${PORT:-3000}\ntitle: "${T:-42}"\n', 'x.yaml', {});
  assert.equal(config.server.port, 3000);
  assert.equal(config.title, '42');
});
