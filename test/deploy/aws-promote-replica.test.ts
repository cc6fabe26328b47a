import assert from 'node:assert/strict';
import { test } from 'node:test';
// @ts-expect-error plain JavaScript (the Lambda's own file, without a build step)
import * as lambda from '../../deploy/aws/lambda/promote-replica/index.mjs';

const { parseStandbyServices, promoteAndScale, promoteReplica } = lambda as {
  parseStandbyServices: (text: string | undefined) => Array<{ name: string; desiredCount: number }>;
  promoteAndScale: (
    event: unknown,
    settings: unknown,
    client: unknown,
  ) => Promise<{ action: string; scaled: string[] }>;
  promoteReplica: (event: unknown, replicaId: string, client: unknown) => Promise<{ action: string }>;
};

type Replica = { DBInstanceStatus: string; ReadReplicaSourceDBInstanceIdentifier?: string } | undefined;

/** An RDS stand-in recording the calls: what cannot run here is AWS itself, the decisions are the Lambda's. */
function rds(replica: Replica, promoteError?: { name: string; message: string }) {
  const calls: string[] = [];
  return {
    calls,
    client: {
      describe: async (id: string) => (calls.push(`describe ${id}`), replica),
      promote: async (id: string) => {
        calls.push(`promote ${id}`);
        if (promoteError) throw Object.assign(new Error(promoteError.message), promoteError);
      },
      scale: async (cluster: string, service: string, count: number) => {
        calls.push(`scale ${cluster} ${service} ${count}`);
      },
    },
  };
}

const failure = { source: 'aws.rds', detail: { EventID: 'RDS-EVENT-0031', SourceIdentifier: 'pharos-production-db' } };
const REPLICA = 'pharos-production-replica';
const replicating = {
  DBInstanceStatus: 'available',
  ReadReplicaSourceDBInstanceIdentifier: 'arn:aws:rds:eu-west-1:1:db:x',
};

test('a failure event promotes the configured replica', async () => {
  const r = rds(replicating);
  assert.equal((await promoteReplica(failure, REPLICA, r.client)).action, 'promoted');
  assert.deepEqual(r.calls, [`describe ${REPLICA}`, `promote ${REPLICA}`]);
});

test('a replica already promoted (no source) is left alone', async () => {
  const r = rds({ DBInstanceStatus: 'available' });
  assert.equal((await promoteReplica(failure, REPLICA, r.client)).action, 'already-promoted');
  assert.deepEqual(r.calls, [`describe ${REPLICA}`]);
});

test('a promotion racing another one counts as already promoted', async () => {
  const r = rds(replicating, { name: 'InvalidDBInstanceStateFault', message: 'not a read replica' });
  assert.equal((await promoteReplica(failure, REPLICA, r.client)).action, 'already-promoted');
});

test('other errors are thrown (EventBridge retries the invocation)', async () => {
  const r = rds(replicating, { name: 'ThrottlingException', message: 'slow down' });
  await assert.rejects(promoteReplica(failure, REPLICA, r.client), /slow down/);
});

test('a replica being modified waits; other events and a missing replica do not promote', async () => {
  const busy = rds({ ...replicating, DBInstanceStatus: 'modifying' });
  assert.equal((await promoteReplica(failure, REPLICA, busy.client)).action, 'waiting');
  const reboot = rds(replicating);
  const restart = { source: 'aws.rds', detail: { EventID: 'RDS-EVENT-0006' } };
  assert.equal((await promoteReplica(restart, REPLICA, reboot.client)).action, 'ignored');
  assert.deepEqual(reboot.calls, []);
  assert.equal((await promoteReplica(failure, REPLICA, rds(undefined).client)).action, 'failed');
});

test('a runbook can ask for the promotion by hand', async () => {
  const r = rds(replicating);
  const manual = { source: 'pharos.dr', 'detail-type': 'Pharos promote replica', detail: { action: 'promote' } };
  assert.equal((await promoteReplica(manual, REPLICA, r.client)).action, 'promoted');
});

const standby = {
  replicaId: REPLICA,
  cluster: 'pharos-production-standby',
  services: parseStandbyServices('pharos-production-standby-web=3,pharos-production-standby-worker=2'),
};
const scaled = [
  'scale pharos-production-standby pharos-production-standby-web 3',
  'scale pharos-production-standby pharos-production-standby-worker 2',
];

test('right after PromoteReadReplica the standby waits: the replica is not writable yet', async () => {
  const r = rds(replicating);
  const result = await promoteAndScale(failure, standby, r.client);
  assert.equal(result.action, 'promoted');
  assert.deepEqual(result.scaled, []);
  assert.deepEqual(r.calls, [`describe ${REPLICA}`, `promote ${REPLICA}`]);
});

test('the replica’s own event once it is standalone and writable scales the standby to the primary counts', async () => {
  for (const status of ['available', 'backing-up', 'modifying']) {
    const r = rds({ DBInstanceStatus: status });
    const restarted = { source: 'aws.rds', detail: { EventID: 'RDS-EVENT-0006', SourceIdentifier: REPLICA } };
    const result = await promoteAndScale(restarted, standby, r.client);
    assert.equal(result.action, 'ignored', 'nothing to promote');
    assert.deepEqual(result.scaled, ['pharos-production-standby-web=3', 'pharos-production-standby-worker=2'], status);
    assert.deepEqual(r.calls, [`describe ${REPLICA}`, ...scaled]);
  }
});

test('a replica already promoted gets its standby scaled: a retried failure event or the runbook finishes the job', async () => {
  const r = rds({ DBInstanceStatus: 'available' });
  assert.equal((await promoteAndScale(failure, standby, r.client)).action, 'already-promoted');
  assert.deepEqual(r.calls, [`describe ${REPLICA}`, `describe ${REPLICA}`, ...scaled]);
  const manual = rds({ DBInstanceStatus: 'available' });
  const request = { source: 'pharos.dr', detail: { action: 'promote', SourceIdentifier: REPLICA } };
  assert.deepEqual((await promoteAndScale(request, standby, manual.client)).scaled.length, 2);
});

test('no scaling while the replica replicates, restarts, or races another promotion; nor on other events', async () => {
  const rebooting = rds({ DBInstanceStatus: 'rebooting' });
  const restarting = { source: 'aws.rds', detail: { EventID: 'RDS-EVENT-0004', SourceIdentifier: REPLICA } };
  assert.deepEqual((await promoteAndScale(restarting, standby, rebooting.client)).scaled, []);
  const stillReplica = rds({ ...replicating, DBInstanceStatus: 'modifying' });
  assert.deepEqual((await promoteAndScale(failure, standby, stillReplica.client)).scaled, []);
  assert.ok(!stillReplica.calls.some((c) => c.startsWith('scale')));
  const racing = rds(replicating, { name: 'InvalidDBInstanceStateFault', message: 'not a read replica' });
  assert.deepEqual((await promoteAndScale(failure, standby, racing.client)).scaled, [], 'the source is still set');
  const quiet = rds(replicating);
  const other = { source: 'aws.rds', detail: { EventID: 'RDS-EVENT-0006', SourceIdentifier: 'pharos-production' } };
  assert.deepEqual((await promoteAndScale(other, standby, quiet.client)).scaled, []);
  assert.deepEqual(quiet.calls, []);
});

test('a failed scaling call is thrown, so EventBridge retries the invocation', async () => {
  const r = rds({ DBInstanceStatus: 'available' });
  const client = { ...r.client, scale: async () => Promise.reject(new Error('AccessDenied')) };
  await assert.rejects(promoteAndScale(failure, standby, client), /AccessDenied/);
});

test('STANDBY_SERVICES: name=count pairs; absent means nothing to scale; a bad entry is an error naming it', () => {
  assert.deepEqual(parseStandbyServices(undefined), []);
  assert.deepEqual(parseStandbyServices('a=1'), [{ name: 'a', desiredCount: 1 }]);
  for (const bad of ['a', 'a=0', 'a=x', '=2', 'a=1,b=1.5'])
    assert.throws(() => parseStandbyServices(bad), /bad STANDBY_SERVICES entry/, bad);
});
