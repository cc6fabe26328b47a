import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideHistoryReload, HistoryCache, type HistoryDecision, type HistoryGaps } from './history-cache.ts';

const gaps: HistoryGaps = { refreshMs: 30_000, minGapMs: 5_000 };

test('decideHistoryReload: reload after a change at most every minGapMs, and at least every refreshMs', () => {
  const rows: [string, { loadedAt: number | undefined; changed: boolean }, number, HistoryDecision][] = [
    ['never loaded', { loadedAt: undefined, changed: true }, 1_000, { kind: 'reload' }],
    ['never loaded, nothing changed', { loadedAt: undefined, changed: false }, 1_000, { kind: 'reload' }],
    ['fresh, nothing changed', { loadedAt: 100_000, changed: false }, 101_000, { kind: 'keep' }],
    ['refreshMs passed, nothing changed', { loadedAt: 100_000, changed: false }, 130_000, { kind: 'reload' }],
    ['just under refreshMs', { loadedAt: 100_000, changed: false }, 129_999, { kind: 'keep' }],
    ['a change, minGapMs passed', { loadedAt: 100_000, changed: true }, 105_000, { kind: 'reload' }],
    [
      'a change too soon: come back when the gap is over',
      { loadedAt: 100_000, changed: true },
      101_500,
      { kind: 'keep-then-reload', inMs: 3_500 },
    ],
    ['a change long after', { loadedAt: 100_000, changed: true }, 200_000, { kind: 'reload' }],
  ];
  for (const [name, state, now, expected] of rows)
    assert.deepEqual(decideHistoryReload(state, now, gaps), expected, name);
});

/** A cache step: a status change, an invalidation, or a rebuild at ms (whose load may fail or see a change). */
type Step = { do: 'change' } | { do: 'invalidate' } | { do: 'rebuild'; at: number; load?: 'fails' | 'change-during' };

test('HistoryCache: what each rebuild does, and the data it keeps', async () => {
  const rows: { name: string; steps: Step[]; kinds: HistoryDecision['kind'][]; data: string; loadedAt: number }[] = [
    {
      name: 'the first rebuild loads; an unchanged one soon after keeps it',
      steps: [
        { do: 'rebuild', at: 1_000 },
        { do: 'rebuild', at: 2_000 },
      ],
      kinds: ['reload', 'keep'],
      data: 'load@1000',
      loadedAt: 1_000,
    },
    {
      name: 'a change waits for minGapMs, then loads',
      steps: [
        { do: 'rebuild', at: 1_000 },
        { do: 'change' },
        { do: 'rebuild', at: 2_000 },
        { do: 'rebuild', at: 6_000 },
        { do: 'rebuild', at: 7_000 },
      ],
      kinds: ['reload', 'keep-then-reload', 'reload', 'keep'],
      data: 'load@6000',
      loadedAt: 6_000,
    },
    {
      name: 'invalidate: the next rebuild loads whatever the gaps say',
      steps: [{ do: 'rebuild', at: 1_000 }, { do: 'invalidate' }, { do: 'rebuild', at: 1_001 }],
      kinds: ['reload', 'reload'],
      data: 'load@1001',
      loadedAt: 1_001,
    },
    {
      name: 'a failed load keeps the old data and stays due',
      steps: [
        { do: 'rebuild', at: 1_000 },
        { do: 'change' },
        { do: 'rebuild', at: 7_000, load: 'fails' },
        { do: 'rebuild', at: 7_100 },
      ],
      kinds: ['reload', 'reload', 'reload'],
      data: 'load@7100',
      loadedAt: 7_100,
    },
    {
      name: 'a change during a load may not be in it: reloaded after the gap',
      steps: [
        { do: 'rebuild', at: 1_000, load: 'change-during' },
        { do: 'rebuild', at: 2_000 },
        { do: 'rebuild', at: 6_000 },
        { do: 'rebuild', at: 7_000 },
      ],
      kinds: ['reload', 'keep-then-reload', 'reload', 'keep'],
      data: 'load@6000',
      loadedAt: 6_000,
    },
  ];
  for (const row of rows) {
    const cache = new HistoryCache(gaps, 'empty');
    const kinds: HistoryDecision['kind'][] = [];
    for (const step of row.steps) {
      if (step.do === 'change') cache.changed();
      else if (step.do === 'invalidate') cache.invalidate();
      else {
        const load = async (): Promise<string> => {
          if (step.load === 'fails') throw new Error('the store does not answer');
          if (step.load === 'change-during') cache.changed();
          return `load@${step.at}`;
        };
        try {
          kinds.push((await cache.refresh(step.at, load)).kind);
        } catch {
          kinds.push('reload');
        }
      }
    }
    assert.deepEqual(kinds, row.kinds, row.name);
    assert.equal(cache.data, row.data, row.name);
    assert.equal(cache.loadedAt, row.loadedAt, row.name);
  }
});

test('HistoryCache: before the first load it gives the empty value, and does not call load when keeping', async () => {
  const cache = new HistoryCache(gaps, 'empty');
  assert.equal(cache.data, 'empty');
  await cache.refresh(1_000, async () => 'first');
  let loads = 0;
  await cache.refresh(1_500, async () => (loads++, 'second'));
  assert.equal(loads, 0);
  assert.equal(cache.data, 'first');
});
