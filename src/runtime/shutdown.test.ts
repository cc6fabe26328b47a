import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger } from './logger.ts';
import { runShutdown } from './shutdown.ts';

const logger = createLogger('silent');

describe('runShutdown', () => {
  test('runs the steps in order; a failed step is reported and the next ones still run', async () => {
    const ran: string[] = [];
    const outcome = await runShutdown(
      [
        { name: 'a', run: () => void ran.push('a') },
        { name: 'b', run: () => Promise.reject(new Error('flush failed')) },
        { name: 'c', run: async () => void ran.push('c') },
      ],
      { graceMs: 10_000, logger },
    );
    assert.deepEqual(ran, ['a', 'c']);
    assert.deepEqual(outcome, { completed: true, failed: ['b'], pending: [] });
  });

  test('at the deadline: says what was pending, calls onDeadline and runs no further step', async () => {
    const ran: string[] = [];
    let deadlines = 0;
    const outcome = await runShutdown(
      [
        { name: 'mark', run: () => void ran.push('mark') },
        { name: 'checks', run: () => new Promise<void>(() => {}), pending: () => ['check slow'] },
        { name: 'store', run: () => void ran.push('store') },
      ],
      { graceMs: 20, logger, onDeadline: () => (deadlines += 1) },
    );
    assert.equal(outcome.completed, false);
    assert.deepEqual(outcome.pending, ['checks (check slow)', 'store']);
    assert.deepEqual(ran, ['mark']);
    assert.equal(deadlines, 1);
  });
});
