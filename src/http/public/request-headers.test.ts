import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readPublicHeaders } from './request-headers.ts';

test('reads host, if-none-match and accept-encoding from raw headers, whatever their case; first one wins', () => {
  const rows: [string[], ReturnType<typeof readPublicHeaders>][] = [
    [[], { host: undefined, ifNoneMatch: undefined, acceptEncoding: undefined }],
    [
      ['Host', 'a.test', 'Accept-Encoding', 'br, gzip', 'If-None-Match', '"x"'],
      { host: 'a.test', ifNoneMatch: '"x"', acceptEncoding: 'br, gzip' },
    ],
    [
      ['HOST', 'b.test:8080', 'user-agent', 'wrk', 'host', 'second'],
      { host: 'b.test:8080', ifNoneMatch: undefined, acceptEncoding: undefined },
    ],
    [['hostx', 'no', 'accept-encodinG', 'gzip'], { host: undefined, ifNoneMatch: undefined, acceptEncoding: 'gzip' }],
  ];
  for (const [raw, expected] of rows) assert.deepEqual(readPublicHeaders(raw), expected, JSON.stringify(raw));
});
