import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { buildApp } from '../../deploy/aws/lib/app.ts';

interface Acknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

/** Every `Validations.of(x).acknowledge()` in the construct tree, with where it was made. */
function acknowledgementsIn(root: IConstruct): Acknowledgement[] {
  const found: Acknowledgement[] = [];
  const visit = (node: IConstruct) => {
    for (const entry of node.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.push({ path: node.node.path, id: id.replace(/^annotation::/i, ''), reason });
      }
    }
    node.node.children.forEach(visit);
  };
  visit(root);
  return found;
}

// cdk-nag walks the construct tree; no synth is needed (about 2 s per app instead of 15).
const { app } = buildApp({ nag: false });
const raw = buildApp({ nag: false, acknowledge: false }).app;

test('cdk-nag AwsSolutions: no unacknowledged error or warning in any of the eight stacks', () => {
  const report = new AwsSolutionsChecks().validateScope(app);
  const findings = report.violations.map(
    (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
  );
  assert.deepEqual(findings, []);
  assert.equal(report.success, true);
});

test('without the acknowledgements cdk-nag reports errors: the check is live', () => {
  const report = new AwsSolutionsChecks().validateScope(raw);
  assert.ok(
    report.violations.some((v) => v.severity === 'error'),
    'expected errors from the unacknowledged app',
  );
});

test('every AwsSolutions acknowledgement has a written reason and is still needed on that construct', () => {
  const ours = acknowledgementsIn(app).filter((a) => a.id.startsWith('AwsSolutions-'));
  assert.ok(ours.length >= 10, `expected the documented acknowledgements, found ${ours.length}`);
  const rawFindings = new AwsSolutionsChecks().validateScope(raw).violations;
  for (const ack of ours) {
    assert.ok(ack.reason.length >= 60, `${ack.path} ${ack.id}: reason too short: "${ack.reason}"`);
    assert.ok(ack.reason.split(/\s+/).length >= 10, `${ack.path} ${ack.id}: reason is not a sentence`);
    const fires = rawFindings.some(
      (v) =>
        v.ruleName === ack.id &&
        v.violatingResources.some(
          (r) => r.constructPath === ack.path || (r.constructPath ?? '').startsWith(`${ack.path}/`),
        ),
    );
    assert.ok(fires, `${ack.path} acknowledges ${ack.id}, which no longer fires there: remove it`);
  }
});

test('production acknowledges nothing about deletion protection; staging does, with a reason', () => {
  const rds10 = acknowledgementsIn(app).filter((a) => a.id === 'AwsSolutions-RDS10');
  assert.deepEqual(
    rds10.map((a) => a.path.split('/')[0]),
    ['PharosStaging', 'PharosStagingStandby'],
  );
});
