import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseConfig, EXAMPLE_CONFIG } from './config-path.ts';

test('chooseConfig: --config, $PHAROS_CONFIG, ./pharos.yaml, then the example of a clone (said aloud)', () => {
  const rows: [string, string | undefined, string | undefined, string[], string, boolean][] = [
    ['--config wins', 'a.yaml', 'b.yaml', ['./pharos.yaml', EXAMPLE_CONFIG], 'a.yaml', false],
    ['then the environment', undefined, 'b.yaml', ['./pharos.yaml'], 'b.yaml', false],
    ['then ./pharos.yaml', undefined, undefined, ['./pharos.yaml', EXAMPLE_CONFIG], './pharos.yaml', false],
    ['a clone without one: the example', undefined, undefined, [EXAMPLE_CONFIG], EXAMPLE_CONFIG, true],
    ['elsewhere: ./pharos.yaml (and its "not found")', undefined, undefined, [], './pharos.yaml', false],
  ];
  for (const [name, given, env, files, want, noted] of rows) {
    const got = chooseConfig(given, env, (f) => files.includes(f));
    assert.equal(got.file, want, name);
    assert.equal(got.note !== undefined, noted, name);
  }
});
