import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invalidationPaths, planPublish } from './publish-plan.ts';
import { staticFile } from './static-file.ts';

const file = (path: string, body: string) => staticFile(path, body, 'text/plain', 'no-cache');

test('planPublish: new and changed files, the manifest last; what went is removed', () => {
  const same = file('a.txt', 'a');
  const changed = file('b.txt', 'b2');
  const added = file('c.txt', 'c');
  const manifest = file('manifest.json', '{}');
  const current = new Map<string, string | undefined>([
    ['a.txt', same.sha256],
    ['b.txt', file('b.txt', 'b1').sha256],
    ['gone.txt', 'x'],
    ['unknown.txt', undefined],
  ]);
  const plan = planPublish(current, [manifest, same, changed, added, file('unknown.txt', 'u')]);
  assert.deepEqual(
    plan.upload.map((f) => f.path),
    ['b.txt', 'c.txt', 'unknown.txt', 'manifest.json'],
  );
  assert.deepEqual(plan.remove, ['gone.txt']);
});

test('invalidationPaths: folders with and without the slash; a wildcard beyond the limit', () => {
  assert.deepEqual(invalidationPaths(['index.html', 'incidents/x/index.html', 'api/v2/summary.json']), [
    '/',
    '/api/v2/summary.json',
    '/incidents/x',
    '/incidents/x/',
    '/incidents/x/index.html',
    '/index.html',
  ]);
  assert.deepEqual(invalidationPaths(['a', 'b', 'c'], 2), ['/*']);
});
