import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { movedSecrets, restoreKeptSecrets } from './kept-secrets.ts';
import { REDACTED as R, redactUrlDetails } from './redact.ts';

describe('redactUrlDetails (what readers without "configure" see)', () => {
  const rows: [given: string, shown: string][] = [
    ['https://x.example/health?token=abc', `https://x.example/health?token=${R}`],
    ['https://user:pass@x.example:8443/a?b=1&c=&flag#frag', `https://${R}@x.example:8443/a?b=${R}&c=&${R}#frag`],
    ['https://x.example/plain', 'https://x.example/plain'],
    ['not a url ?token=abc', 'not a url ?token=abc'],
    ['mailto:ops@example.com', 'mailto:ops@example.com'],
  ];
  for (const [given, shown] of rows)
    test(given, () => assert.deepEqual(redactUrlDetails({ nested: [given] }), { nested: [shown] }));
});

describe('restoreKeptSecrets', () => {
  const stored = {
    url: 'https://bob:pw@x.example/h?token=t1&token=t2&flag&a=1',
    headers: { Authorization: 'Bearer s' },
    port: 1,
  };
  const rows: [name: string, edited: Record<string, unknown>, value: Record<string, unknown>, kept: string[][]][] = [
    [
      'placeholder fields get the stored value',
      { headers: { Authorization: R }, port: 2 },
      { headers: { Authorization: 'Bearer s' }, port: 2 },
      [['headers', 'Authorization']],
    ],
    [
      "a URL's password",
      { url: `https://bob:${R}@x.example/other` },
      { url: 'https://bob:pw@x.example/other' },
      [['url']],
    ],
    [
      "a reader's URL: userinfo and the n-th value of each key",
      { url: `https://${R}@y.example/h?token=${R}&token=${R}&${R}&a=${R}` },
      { url: 'https://bob:pw@y.example/h?token=t1&token=t2&flag&a=1' },
      [['url']],
    ],
    [
      'the placeholder percent-encoded (a client that normalised the URL)',
      { url: 'https://x.example/h?token=%5Bredacted%5D' },
      { url: 'https://x.example/h?token=t1' },
      [['url']],
    ],
    [
      'nothing stored there: nothing kept',
      { secret: R, url: `https://x.example/?missing=${R}` },
      { secret: undefined, url: `https://x.example/?missing=${R}` },
      [],
    ],
    [
      'new values stay as typed',
      { headers: { Authorization: 'Bearer new' } },
      { headers: { Authorization: 'Bearer new' } },
      [],
    ],
  ];
  for (const [name, edited, value, kept] of rows)
    test(name, () => assert.deepEqual(restoreKeptSecrets(edited, stored), { value, kept }));
});

test('movedSecrets: a kept secret whose target changed, or cannot be told, must be typed again', () => {
  const target = (c: { host: string }, path: readonly string[]) =>
    path[0] === 'broken'
      ? (() => {
          throw new Error('no');
        })()
      : c.host;
  const kept = [['pass'], ['broken']];
  assert.deepEqual(movedSecrets(kept, { host: 'a' }, { host: 'a' }, target), [
    { path: 'body.broken', message: 're-enter this secret: the target changed' },
  ]);
  assert.deepEqual(
    movedSecrets(kept, { host: 'a' }, { host: 'b' }, target).map((i) => i.path),
    ['body.pass', 'body.broken'],
  );
});
