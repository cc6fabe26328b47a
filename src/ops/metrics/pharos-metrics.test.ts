import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PublicAnswer } from '../../http/public/resolve-public-request.ts';
import { renderAsset } from '../../http/public/rendered-asset.ts';
import { checkOutcome } from './check-metrics.ts';
import { PharosMetrics } from './pharos-metrics.ts';
import { publicAnswerKind } from './public-answer-counts.ts';

const asset = (contentType: string): PublicAnswer => ({
  kind: 'asset',
  asset: renderAsset('x', contentType),
  cacheControl: 'no-store',
  cors: false,
});

describe('PharosMetrics', () => {
  test('check outcomes', () => {
    const rows: [boolean, boolean, string][] = [
      [true, false, 'ok'],
      [true, true, 'degraded'],
      [false, false, 'failed'],
      [false, true, 'failed'],
    ];
    for (const [ok, degraded, outcome] of rows)
      assert.equal(checkOutcome({ ok, degraded }), outcome, `ok=${ok} degraded=${degraded}`);
  });

  test('public answer kinds come from the answer and its content type', () => {
    const rows: [PublicAnswer, string][] = [
      [asset('text/html; charset=utf-8'), 'page'],
      [asset('application/json; charset=utf-8'), 'json'],
      [asset('application/rss+xml; charset=utf-8'), 'feed'],
      [asset('application/atom+xml; charset=utf-8'), 'feed'],
      [asset('image/svg+xml'), 'badge'],
      [asset('text/javascript; charset=utf-8'), 'script'],
      [asset('text/css'), 'asset'],
      [{ kind: 'error', status: 404, error: 'not_found', message: 'no' }, 'error'],
      [{ kind: 'starting' }, 'starting'],
    ];
    for (const [answer, kind] of rows) assert.equal(publicAnswerKind(answer), kind);
  });

  test('two instances in one process keep their own series', async () => {
    const a = new PharosMetrics({ version: 'a' });
    const b = new PharosMetrics({ version: 'b' });
    a.checks.checkFinished('http', { ok: true, degraded: false }, 12);
    a.http.publicAnswered('page', 200);
    a.http.publicAnswered('page', 200);
    const textA = await a.render();
    const textB = await b.render();
    assert.match(textA, /^pharos_checks_total\{type="http",outcome="ok"\} 1$/m);
    assert.match(textA, /^pharos_public_responses_total\{kind="page",status="200"\} 2$/m);
    assert.doesNotMatch(textB, /pharos_checks_total\{/);
    assert.match(textB, /^pharos_build_info\{version="b"\} 1$/m);
  });

  test('outbox rows: configured channels by id (0 when empty), every other target summed as "subscribers"', async () => {
    const m = new PharosMetrics({ version: 't', now: () => 100_000 });
    m.watch({
      scheduler: { size: 3, running: 1, skipped: 2 },
      publicSide: { streams: { size: 4 }, snapshot: { lastBuildMs: 250, builtAt: 99_000 } },
      resultBuffer: { bufferedResults: 120, droppedResults: 7, fencedResults: 2 },
      outbox: {
        channelIds: () => ['slack', 'pager'],
        stats: async () => ({
          pending: 6,
          dead: 1,
          oldestPendingAt: 40_000,
          pendingByTarget: { slack: 2, 'sub-1': 3, 'sub-2': 1 },
          deadByTarget: { 'gone-channel': 1 },
        }),
      },
    });
    m.outbox.delivered({ kind: 'subscriber', id: 'sub-1' }, 'failed');
    m.outbox.delivered({ kind: 'channel', id: 'slack' }, 'sent', 3);
    const text = await m.render();
    for (const line of [
      'pharos_outbox_pending{channel="slack"} 2',
      'pharos_outbox_pending{channel="pager"} 0',
      'pharos_outbox_pending{channel="subscribers"} 4',
      'pharos_outbox_dead{channel="subscribers"} 1',
      'pharos_outbox_oldest_pending_age_seconds 60',
      'pharos_outbox_deliveries_total{channel="subscribers",outcome="failed"} 1',
      'pharos_outbox_deliveries_total{channel="slack",outcome="sent"} 3',
      'pharos_monitors_owned 3',
      'pharos_checks_in_flight 1',
      'pharos_scheduler_skipped_total 2',
      'pharos_sse_clients 4',
      'pharos_snapshot_rebuild_seconds 0.25',
      'pharos_snapshot_age_seconds 1',
      'pharos_results_buffered 120',
      'pharos_results_dropped_total{reason="buffer_full"} 7',
      'pharos_results_dropped_total{reason="lease_lost"} 2',
    ])
      assert.ok(text.split('\n').includes(line), line);
  });
});
