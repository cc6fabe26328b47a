import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StalenessTracker, type StaleAfter } from './staleness-tracker.ts';

/** what happened, at ms: a failed rebuild or ping (with or without pages to mark), or a good rebuild */
type Step = ['fail', number] | ['fail-no-pages', number] | ['ok', number];

interface Row {
  name: string;
  after: StaleAfter;
  steps: Step[];
  /** what each step returned: the staleness it started (fail) or ended (ok), as its since */
  returned: (number | undefined)[];
  end: { stale: number | undefined; failures: number; failingSince: number | undefined };
}

const after: StaleAfter = { failures: 2, ms: 5_000 };

const rows: Row[] = [
  {
    name: 'nothing happened: current',
    after,
    steps: [],
    returned: [],
    end: { stale: undefined, failures: 0, failingSince: undefined },
  },
  {
    name: 'one failure is not enough',
    after,
    steps: [['fail', 1_000]],
    returned: [undefined],
    end: { stale: undefined, failures: 1, failingSince: 1_000 },
  },
  {
    name: 'the second failure in a row marks stale since the first',
    after,
    steps: [
      ['fail', 1_000],
      ['fail', 1_200],
      ['fail', 1_400],
    ],
    returned: [undefined, 1_000, undefined],
    end: { stale: 1_000, failures: 3, failingSince: 1_000 },
  },
  {
    name: 'one failure long enough after the first marks stale (time, not count)',
    after: { failures: 10, ms: 5_000 },
    steps: [
      ['fail', 1_000],
      ['fail', 5_999],
      ['fail', 6_000],
    ],
    returned: [undefined, undefined, 1_000],
    end: { stale: 1_000, failures: 3, failingSince: 1_000 },
  },
  {
    name: 'a good rebuild between failures starts the count again',
    after,
    steps: [
      ['fail', 1_000],
      ['ok', 1_500],
      ['fail', 2_000],
    ],
    returned: [undefined, undefined, undefined],
    end: { stale: undefined, failures: 1, failingSince: 2_000 },
  },
  {
    name: 'a good rebuild ends the staleness and says since when it was',
    after,
    steps: [
      ['fail', 1_000],
      ['fail', 2_000],
      ['ok', 9_000],
    ],
    returned: [undefined, 1_000, 1_000],
    end: { stale: undefined, failures: 0, failingSince: undefined },
  },
  {
    name: 'without pages nothing is marked, and the first failure with pages past the threshold marks',
    after,
    steps: [
      ['fail-no-pages', 1_000],
      ['fail-no-pages', 2_000],
      ['fail', 3_000],
    ],
    returned: [undefined, undefined, 1_000],
    end: { stale: 1_000, failures: 3, failingSince: 1_000 },
  },
  {
    name: 'stale again after a recovery: since the new first failure',
    after,
    steps: [
      ['fail', 1_000],
      ['fail', 1_100],
      ['ok', 2_000],
      ['fail', 3_000],
      ['fail', 3_100],
    ],
    returned: [undefined, 1_000, 1_000, undefined, 3_000],
    end: { stale: 3_000, failures: 2, failingSince: 3_000 },
  },
];

for (const row of rows) {
  test(`StalenessTracker: ${row.name}`, () => {
    const tracker = new StalenessTracker(row.after);
    const returned = row.steps.map(([kind, at]) => {
      const r = kind === 'ok' ? tracker.succeeded() : tracker.failed(at, kind === 'fail');
      return r?.since;
    });
    assert.deepEqual(returned, row.returned);
    assert.deepEqual(
      { stale: tracker.stale?.since, failures: tracker.failures, failingSince: tracker.failingSince },
      row.end,
    );
  });
}
