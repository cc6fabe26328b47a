import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mailDeliveryProblem, type MailAttempt } from './mail-delivery-problem.ts';

const NOW = 10 * 86_400_000;
const row = (over: Partial<MailAttempt>): MailAttempt => ({
  state: 'sent',
  attempts: 1,
  lastError: null,
  updatedAt: NOW - 60_000,
  target: 'subscriber:a',
  ...over,
});
const refused = '554 5.7.1 Relay access denied';

test('mailDeliveryProblem: the latest finished mail attempt failed, within the window', () => {
  const rows: [string, MailAttempt[], { failing: number; lastError: string } | null][] = [
    ['nothing sent', [], null],
    ['all sent', [row({}), row({ target: 'channel:ops' })], null],
    ['one given up', [row({ state: 'dead', lastError: refused })], { failing: 1, lastError: refused }],
    [
      'retrying after an error',
      [row({ state: 'pending', attempts: 2, lastError: 'connect ECONNREFUSED' })],
      { failing: 1, lastError: 'connect ECONNREFUSED' },
    ],
    ['pending, never tried', [row({ state: 'pending', attempts: 0 })], null],
    [
      'a later mail went through',
      [row({ state: 'dead', lastError: refused, updatedAt: NOW - 120_000 }), row({ updatedAt: NOW - 1000 })],
      null,
    ],
    [
      'the failure is the latest',
      [row({ updatedAt: NOW - 120_000 }), row({ state: 'dead', lastError: refused, updatedAt: NOW - 1000 })],
      { failing: 1, lastError: refused },
    ],
    ['too old to matter', [row({ state: 'dead', lastError: refused, updatedAt: NOW - 2 * 86_400_000 })], null],
    [
      'counts every failure, names the newest error',
      [
        row({ state: 'dead', lastError: 'old', updatedAt: NOW - 5000 }),
        row({ state: 'dead', lastError: refused, updatedAt: NOW - 10 }),
      ],
      { failing: 2, lastError: refused },
    ],
  ];
  for (const [name, attempts, want] of rows) {
    const got = mailDeliveryProblem(attempts, NOW);
    assert.deepEqual(got && { failing: got.failing, lastError: got.lastError }, want, name);
  }
});
