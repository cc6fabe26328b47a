import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { hashRecoveryCode, newRecoveryCodes, RECOVERY_CODE_ALPHABET, useRecoveryCode } from './recovery-codes.ts';

describe('newRecoveryCodes', () => {
  test('ten distinct codes in xxxx-xxxx-xxxx from the unambiguous alphabet, with matching hashes', () => {
    const { codes, hashes } = newRecoveryCodes();
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    const group = `[${RECOVERY_CODE_ALPHABET}]{4}`;
    for (const code of codes) assert.match(code, new RegExp(`^${group}-${group}-${group}$`));
    assert.deepEqual(hashes, codes.map(hashRecoveryCode));
  });

  test('count is honoured', () => {
    for (const count of [0, 1, 16]) assert.equal(newRecoveryCodes(count).codes.length, count);
  });

  test('at least 50 bits each, and no confusable characters', () => {
    assert.ok(12 * Math.log2(RECOVERY_CODE_ALPHABET.length) >= 50);
    assert.equal(new Set(RECOVERY_CODE_ALPHABET).size, RECOVERY_CODE_ALPHABET.length);
    for (const c of '01ilo') assert.ok(!RECOVERY_CODE_ALPHABET.includes(c), c);
  });
});

test('hashRecoveryCode normalises case, spaces and dashes', () => {
  const expected = createHash('sha256').update('abcdefghjk23').digest('hex');
  for (const typed of ['abcd-efgh-jk23', 'ABCD-EFGH-JK23', 'abcd efgh jk23', ' abcdefghjk23 ', 'ab-cd-ef-gh-jk-23']) {
    assert.equal(hashRecoveryCode(typed), expected, typed);
  }
});

describe('useRecoveryCode', () => {
  const { codes, hashes } = newRecoveryCodes(3);
  const [first = '', second = '', third = ''] = codes;
  const rows: { name: string; code: string; hashes: string[]; expected: string[] | null }[] = [
    { name: 'first code', code: first, hashes, expected: hashes.slice(1) },
    { name: 'middle code', code: second, hashes, expected: [hashes[0] ?? '', hashes[2] ?? ''] },
    {
      name: 'typed loosely',
      code: ` ${third.toUpperCase().replaceAll('-', ' ')} `,
      hashes,
      expected: hashes.slice(0, 2),
    },
    { name: 'already spent', code: first, hashes: hashes.slice(1), expected: null },
    { name: 'unknown code', code: 'zzzz-zzzz-zzzz', hashes, expected: null },
    { name: 'empty code', code: ' - ', hashes: [...hashes, hashRecoveryCode('')], expected: null },
    { name: 'no codes left', code: first, hashes: [], expected: null },
    {
      name: 'a malformed stored hash is skipped',
      code: second,
      hashes: ['nothex', hashes[1] ?? ''],
      expected: ['nothex'],
    },
  ];
  for (const row of rows) {
    test(row.name, () => assert.deepEqual(useRecoveryCode(row.code, row.hashes), row.expected));
  }

  test('spending every code in turn leaves none', () => {
    let left: string[] | null = hashes;
    for (const code of codes) {
      left = useRecoveryCode(code, left ?? []);
      assert.ok(left);
    }
    assert.deepEqual(left, []);
  });
});
