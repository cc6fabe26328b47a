import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReport, ImportReport } from './import-report.ts';

test('one line per object: mapped, approximated with notes, left out with why, then the counts', () => {
  const report = new ImportReport();
  report.add('monitor', 'API', 'monitor api (http)');
  const approx = report.add('monitor', 'Web', 'monitor web (http)', ['retries differ']);
  const kept = report.add('channel', 'Slack', 'channel slack (slack)');
  report.info(kept, 'secret carried');
  report.leftOut('monitor', 'Ping', 'no ICMP');
  const dropped = report.add('page', 'x', 'page x');
  report.drop(dropped, 'refused');
  assert.equal(approx.outcome, 'approximated');
  assert.equal(kept.outcome, 'mapped');
  assert.equal(
    formatReport(report),
    [
      'mapped        monitor "API" → monitor api (http)',
      'approximated  monitor "Web" → monitor web (http): retries differ',
      'mapped        channel "Slack" → channel slack (slack): secret carried',
      'left out      monitor "Ping": no ICMP',
      'left out      page "x": refused',
      '2 mapped, 1 approximated, 2 left out',
    ].join('\n'),
  );
});
