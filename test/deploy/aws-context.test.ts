import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Stack } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type { IConstruct } from 'constructs';
import { buildApp, stackNameFor } from '../../deploy/aws/lib/app.ts';
import { hostNameFor, resourcePrefix } from '../../deploy/aws/lib/environment-config.ts';

function budgetAmount(stack: Stack): number {
  const found: budgets.CfnBudget[] = [];
  const visit = (node: IConstruct) => {
    if (node instanceof budgets.CfnBudget) found.push(node);
    node.node.children.forEach(visit);
  };
  visit(stack);
  assert.equal(found.length, 1);
  return (stack.resolve(found[0]!.budget) as { budgetLimit: { amount: number } }).budgetLimit.amount;
}

test('names: stacks PharosStaging/PharosProduction, prefix pharos-<env>, production on the apex, staging on staging.<domain>', () => {
  assert.deepEqual([stackNameFor('staging'), stackNameFor('production')], ['PharosStaging', 'PharosProduction']);
  assert.deepEqual([resourcePrefix('staging'), resourcePrefix('production')], ['pharos-staging', 'pharos-production']);
  assert.equal(hostNameFor('production', 'status.example.org'), 'status.example.org');
  assert.equal(hostNameFor('staging', 'status.example.org'), 'staging.status.example.org');
});

test('-c values override cdk.json: budgets and the domain reach the stacks', () => {
  const { stacks } = buildApp({ nag: false, context: { stagingBudgetUsd: '800', domainName: 'status.example.org' } });
  assert.equal(budgetAmount(stacks.staging.main), 800);
  assert.equal(budgetAmount(stacks.production.main), 1500, 'cdk.json default');
  const certificate = stacks.production.edge.resolve(
    (stacks.production.edge.certificate.node.defaultChild as acm.CfnCertificate).domainName,
  );
  assert.equal(certificate, 'status.example.org');
});

const invalid: Array<{ name: string; context: Record<string, string>; error: RegExp }> = [
  { name: 'an empty domain', context: { domainName: '' }, error: /context value "domainName" is missing/ },
  {
    name: 'a budget that is not a number',
    context: { productionBudgetUsd: 'lots' },
    error: /"productionBudgetUsd" must be a positive number/,
  },
  { name: 'a zero budget', context: { stagingBudgetUsd: '0' }, error: /"stagingBudgetUsd" must be a positive number/ },
];
for (const row of invalid) {
  test(`${row.name} stops the app with a message naming the key`, () => {
    assert.throws(() => buildApp({ nag: false, context: row.context }), row.error);
  });
}
