import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorMessage, failureMessage } from './failure-message.ts';

test('errorMessage: an Error, a happy-eyeballs AggregateError, anything else', () => {
  assert.equal(errorMessage(new Error('connect ECONNREFUSED 127.0.0.1:9')), 'connect ECONNREFUSED 127.0.0.1:9');
  const both = new AggregateError(
    [new Error('connect ECONNREFUSED ::1:80'), new Error('connect ECONNREFUSED 127.0.0.1:80')],
    '',
  );
  assert.equal(errorMessage(both), 'connect ECONNREFUSED ::1:80; connect ECONNREFUSED 127.0.0.1:80');
  assert.equal(errorMessage('plain text'), 'plain text');
  const nodeHint = new Error(
    'unable to verify the first certificate; if the root CA is installed locally, try running Node.js with --use-system-ca',
  );
  assert.equal(
    errorMessage(nodeHint),
    'unable to verify the first certificate',
    "Node 24's advice about its own flags is not the monitor's error",
  );
});

test('failureMessage: the abort wins over whatever the transport said', () => {
  const err = new Error('socket hang up');
  const running = { signal: new AbortController().signal, timeoutMs: 500 };
  assert.equal(failureMessage(err, running), 'socket hang up');

  const rows: [reason: unknown, expected: string][] = [
    [new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 'timeout after 500 ms'],
    [undefined, 'timeout after 500 ms'],
    [new Error('shutting down'), 'aborted: shutting down'],
  ];
  for (const [reason, expected] of rows) {
    const controller = new AbortController();
    controller.abort(reason);
    assert.equal(failureMessage(err, { signal: controller.signal, timeoutMs: 500 }), expected);
  }
});
