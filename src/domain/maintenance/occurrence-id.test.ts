import assert from 'node:assert/strict';
import { test } from 'node:test';
import { occurrenceId, parseOccurrenceId } from './occurrence-id.ts';

test('occurrence ids carry the UTC start to the minute and parse back', () => {
  const start = Date.parse('2026-03-29T01:30:45Z');
  assert.equal(occurrenceId('db-upgrade', start), 'db-upgrade~202603290130');
  assert.deepEqual(parseOccurrenceId('db-upgrade~202603290130'), {
    definitionId: 'db-upgrade',
    start: Date.parse('2026-03-29T01:30:00Z'),
  });
  assert.deepEqual(parseOccurrenceId('db-upgrade'), { definitionId: 'db-upgrade', start: null });
});

test('malformed occurrence ids are null', () => {
  for (const id of [
    '',
    'Db',
    'db~',
    'db~2026032901',
    'db~202613290130',
    'db~202602300130',
    'db~202603290130~1',
    '~202603290130',
    'db~20260329013x',
  ]) {
    assert.equal(parseOccurrenceId(id), null, id);
  }
});
