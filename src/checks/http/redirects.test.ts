import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redirectedRequest } from './redirects.ts';

const request = (headers: Record<string, string>) => ({
  url: new URL('https://api.example.com/health'),
  method: 'GET',
  headers,
  body: undefined,
});
const headers = {
  Accept: 'application/json',
  'User-Agent': 'Pharos',
  Authorization: 'Bearer owner-secret',
  'X-Api-Key': 'owner-key',
  Cookie: 'sid=1',
  'X-Tenant': 'acme',
};

test('a redirect to another origin carries no credential and no custom header (a secret goes only to its own target)', () => {
  const next = redirectedRequest(request(headers), 302, 'https://attacker.example.net/collect');
  assert.deepEqual(next.headers, { Accept: 'application/json', 'User-Agent': 'Pharos' });
  const scheme = redirectedRequest(request(headers), 301, 'http://api.example.com/health');
  assert.deepEqual(Object.keys(scheme.headers), ['Accept', 'User-Agent'], 'another scheme is another origin');
});

test('a redirect within the origin keeps every header', () => {
  const next = redirectedRequest(request(headers), 307, '/health/v2');
  assert.deepEqual(next.headers, headers);
  assert.equal(next.url.href, 'https://api.example.com/health/v2');
});
