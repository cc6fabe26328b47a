import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveSnapshotOptions, SNAPSHOT_DEFAULTS, type PublicSnapshotOptions } from './snapshot-options.ts';

const base = {} as Pick<PublicSnapshotOptions, 'store' | 'config' | 'bus' | 'logger' | 'renderers'>;

test('resolveSnapshotOptions: every timing absent or undefined gets its default; given ones are kept', () => {
  const now = (): number => 42;
  const rows: [string, Partial<PublicSnapshotOptions>, Partial<Record<string, unknown>>][] = [
    ['nothing given: the defaults', {}, { ...SNAPSHOT_DEFAULTS, now: Date.now }],
    ['undefined is not a value', { debounceMs: undefined, now: undefined }, { debounceMs: 50, now: Date.now }],
    [
      'given values win',
      { debounceMs: 1, minGapMs: 0, staleAfter: { failures: 5, ms: 1 }, now },
      { debounceMs: 1, minGapMs: 0, staleAfter: { failures: 5, ms: 1 }, refreshMs: 30_000, now },
    ],
  ];
  for (const [name, given, expected] of rows) {
    const resolved = resolveSnapshotOptions({ ...base, ...given });
    for (const [key, value] of Object.entries(expected))
      assert.deepEqual(resolved[key as keyof typeof resolved], value, `${name}: ${key}`);
    assert.ok(Object.isFrozen(resolved), name);
  }
});
