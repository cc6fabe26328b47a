import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { monitorSchema, type MonitorConfig } from '../config/monitor-schema.ts';
import { startHttpTestServer, type HttpTestServer } from '../../test/support/http-test-server.ts';
import { compileMonitor } from './live-monitor.ts';
import { createLogger } from './logger.ts';
import { MonitorRunner } from './monitor-runner.ts';
import { PushInbox } from './push-inbox.ts';

let target: HttpTestServer;
before(async () => (target = await startHttpTestServer()));
after(() => target.close());

/** A monitor as the store may hold it from an older Pharos: its conditions are not validated again when it loads. */
function storedMonitor(conditions: string[], degradedWhen?: string): MonitorConfig {
  const config = monitorSchema.parse({ id: 'stored', type: 'http', url: `${target.url}/status/200`, timeout: '2s' });
  return { ...config, conditions, ...(degradedWhen === undefined ? {} : { degraded_when: degradedWhen }) };
}

test('a stored condition this Pharos refuses fails its monitor with the reason, without the check running', async () => {
  const monitor = compileMonitor(
    storedMonitor(['[STATUS] == 200', '[BODY] =~ /(a)\\1/'], '[BODY] =~ /x(?=y)/'),
    [],
    'api',
  );
  assert.equal(
    monitor.conditionError,
    'conditions[1]: invalid condition "[BODY] =~ /(a)\\1/": regular expression uses a backreference (\\1), which Pharos does not support (patterns run in linear time); ' +
      'degraded_when: invalid condition "[BODY] =~ /x(?=y)/": regular expression uses a lookahead (?=…), which Pharos does not support (patterns run in linear time)',
  );
  const runner = new MonitorRunner({
    concurrency: 1,
    pushInbox: new PushInbox(),
    logger: createLogger('silent'),
    onResult: () => undefined,
  });
  const before = target.connections();
  const result = await runner.runOnce(monitor);
  assert.ok(result);
  assert.equal(result.ok, false);
  assert.equal(result.error, monitor.conditionError);
  assert.equal(target.connections(), before, 'no request for a monitor that cannot be judged');
});

test('valid stored conditions compile as before', () => {
  const monitor = compileMonitor(storedMonitor(['[STATUS] == 200', '[BODY] =~ /^status \\d+$/']), [], 'api');
  assert.equal(monitor.conditionError, undefined);
  assert.equal(monitor.conditions.length, 2);
});
