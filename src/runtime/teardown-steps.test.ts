import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger } from './logger.ts';
import { runShutdown } from './shutdown.ts';
import { STOP_MODES, stepsFor, teardownSteps, type StopMode, type TeardownParts } from './teardown-steps.ts';

const logger = createLogger('silent');

/** Parts that record each call by name; `failing` names the calls that throw. */
function recordingParts(failing: ReadonlySet<string> = new Set()): { parts: TeardownParts; calls: string[] } {
  const calls: string[] = [];
  const call = (name: string) => {
    calls.push(name);
    if (failing.has(name)) throw new Error(`${name} failed`);
  };
  const async = (name: string) => async () => call(name);
  const parts: TeardownParts = {
    quiesce: () => call('quiesce'),
    notifications: { stop: async('notifications.stop') },
    leases: { stop: async('leases.stop'), leave: async('leases.leave') },
    runner: { finish: async('runner.finish'), stop: async('runner.stop'), runningIds: [] },
    checkThreads: { close: async('checkThreads.close') },
    closeKeepAliveAgents: async('closeKeepAliveAgents'),
    writer: { close: async('writer.close') },
    dropBuffered: () => call('dropBuffered'),
    streams: { closeAll: () => call('streams.closeAll') },
    subscribers: { close: async('subscribers.close') },
    snapshot: { stop: () => call('snapshot.stop') },
    app: { close: async('app.close') },
    pruning: () => (calls.push('pruning'), Promise.resolve()),
    bus: { close: async('bus.close') },
    store: { close: async('store.close') },
    onLeaveFailed: () => calls.push('onLeaveFailed'),
  };
  return { parts, calls };
}

async function stop(mode: StopMode, failing?: ReadonlySet<string>) {
  const { parts, calls } = recordingParts(failing);
  const outcome = await runShutdown(stepsFor(teardownSteps(parts), mode), { logger });
  return { calls, outcome };
}

const common = ['quiesce', 'notifications.stop', 'leases.stop'];
const tail = [
  'streams.closeAll',
  'subscribers.close',
  'snapshot.stop',
  'app.close',
  'pruning',
  'bus.close',
  'store.close',
];

describe('teardown steps', () => {
  const expected: Record<StopMode, string[]> = {
    shutdown: [
      ...common,
      'runner.finish',
      'checkThreads.close',
      'closeKeepAliveAgents',
      'writer.close',
      'leases.leave',
      ...tail,
    ],
    close: [
      ...common,
      'runner.stop',
      'checkThreads.close',
      'closeKeepAliveAgents',
      'writer.close',
      'leases.leave',
      ...tail,
    ],
    // a killed process: what is buffered is lost, the leases expire on their own
    crash: [
      ...common,
      'runner.stop',
      'checkThreads.close',
      'closeKeepAliveAgents',
      'dropBuffered',
      'writer.close',
      ...tail,
    ],
  };
  for (const mode of STOP_MODES) {
    test(`${mode}: every part is stopped once, in the list's order`, async () => {
      const { calls, outcome } = await stop(mode);
      assert.deepEqual(calls, expected[mode]);
      assert.equal(new Set(calls).size, calls.length, 'no part is stopped twice');
      assert.deepEqual(outcome, { completed: true, failed: [], pending: [] });
    });
  }

  test('every way of stopping waits for the clean-up in progress and closes the keep-alive connections', () => {
    for (const mode of STOP_MODES) {
      const names = stepsFor(teardownSteps(recordingParts().parts), mode).map((s) => s.name);
      assert.ok(names.includes('wait for the clean-up in progress'), mode);
      assert.ok(names.includes('close keep-alive connections'), mode);
      assert.ok(names.indexOf('flush batched writes') < names.indexOf('close bus and store'), mode);
    }
  });

  test('a failing step is reported and the ones after it still run', async () => {
    for (const mode of STOP_MODES) {
      const { calls, outcome } = await stop(mode, new Set(['writer.close', 'app.close']));
      assert.deepEqual(calls, expected[mode], mode);
      assert.deepEqual(outcome, { completed: true, failed: ['flush batched writes', 'close HTTP'], pending: [] }, mode);
    }
  });

  test('a failed release of the leases is logged, not a failed teardown (the leases expire)', async () => {
    const { calls, outcome } = await stop('shutdown', new Set(['leases.leave']));
    assert.ok(calls.indexOf('onLeaveFailed') === calls.indexOf('leases.leave') + 1);
    assert.deepEqual(outcome.failed, []);
  });

  test('a web replica (no leases) stops the same way without them', async () => {
    const { parts, calls } = recordingParts();
    const outcome = await runShutdown(stepsFor(teardownSteps({ ...parts, leases: undefined }), 'shutdown'), { logger });
    assert.deepEqual(
      calls,
      expected.shutdown.filter((c) => !c.startsWith('leases.')),
    );
    assert.equal(outcome.completed, true);
  });
});
