// Promotes the DR region's read replica of the Pharos database when the primary fails (EventBridge → this Lambda).
// Plain JavaScript without a build step: the Lambda Node.js runtime provides the AWS SDK v3.

/** RDS event ids that mean the primary is gone, not just restarting (RDS-EVENT-0031 failure, 0034 failover failed…). */
export const PROMOTE_ON = ['RDS-EVENT-0031', 'RDS-EVENT-0034', 'RDS-EVENT-0221', 'RDS-EVENT-0013'];

/**
 * Decides and promotes: `client.promote(id)` calls PromoteReadReplica, `client.describe(id)` DescribeDBInstances.
 * Returns what was done. A replica that is already promoted (no source any more) or being promoted is left alone, so a
 * burst of failure events promotes once.
 */
export async function promoteReplica(event, replicaId, client) {
  const detail = event?.detail ?? {};
  const eventId = detail.EventID ?? '';
  const manual = event?.source === 'pharos.dr' && detail.action === 'promote';
  if (!manual && !PROMOTE_ON.includes(eventId)) return { action: 'ignored', reason: `event ${eventId || '(none)'}` };
  const replica = await client.describe(replicaId);
  if (!replica) return { action: 'failed', reason: `no DB instance ${replicaId}` };
  if (!replica.ReadReplicaSourceDBInstanceIdentifier)
    return { action: 'already-promoted', reason: `${replicaId} has no source: it is already a standalone instance` };
  if (replica.DBInstanceStatus !== 'available')
    return { action: 'waiting', reason: `${replicaId} is ${replica.DBInstanceStatus}` };
  try {
    await client.promote(replicaId);
  } catch (err) {
    // a concurrent invocation got there first
    if (err?.name === 'InvalidDBInstanceStateFault' || err?.name === 'InvalidDBInstanceState')
      return { action: 'already-promoted', reason: err.message };
    throw err;
  }
  return { action: 'promoted', reason: `after ${manual ? 'a manual request' : eventId}` };
}

/**
 * Parses STANDBY_SERVICES, `name=count,name=count`: the warm standby's ECS services and the task count each runs once
 * the replica is writable. Empty or absent: nothing to scale.
 */
export function parseStandbyServices(text) {
  if (!text) return [];
  return text.split(',').map((entry) => {
    const [name, count] = entry.split('=');
    const desiredCount = Number(count);
    if (!name || !Number.isInteger(desiredCount) || desiredCount < 1)
      throw new Error(`bad STANDBY_SERVICES entry "${entry}"`);
    return { name, desiredCount };
  });
}

/** Statuses in which a standalone instance takes writes (a promoted replica backs itself up, then may turn Multi-AZ). */
const WRITABLE = ['available', 'backing-up', 'modifying', 'configuring-enhanced-monitoring'];

/**
 * Promotes on a failure event, and scales the standby services up once the replica is writable: `client.scale(cluster,
 * service, count)` calls ecs:UpdateService. Not right after PromoteReadReplica: the instance finishes applying its log
 * and restarts first, and tasks started meanwhile would fail against a read-only database. RDS's own events about the
 * replica during its promotion (it shuts down, restarts, backs up) reach this function too (the rule matches the
 * replica's identifier): the first one that finds it standalone and writable scales, and so does a repeated failure
 * event or the runbook's manual request. Idempotent: the same count again changes nothing.
 */
export async function promoteAndScale(event, settings, client) {
  const result = await promoteReplica(event, settings.replicaId, client);
  const fromReplica = event?.detail?.SourceIdentifier === settings.replicaId;
  const mayScale = result.action === 'already-promoted' || (result.action === 'ignored' && fromReplica);
  if (!mayScale || settings.services.length === 0) return { ...result, scaled: [] };
  const replica = await client.describe(settings.replicaId);
  if (!replica || replica.ReadReplicaSourceDBInstanceIdentifier || !WRITABLE.includes(replica.DBInstanceStatus))
    return { ...result, scaled: [], reason: `${result.reason}; the standby waits: the replica is not writable yet` };
  const scaled = [];
  for (const { name, desiredCount } of settings.services) {
    await client.scale(settings.cluster, name, desiredCount);
    scaled.push(`${name}=${desiredCount}`);
  }
  return { ...result, scaled };
}

export async function handler(event) {
  const { RDSClient, DescribeDBInstancesCommand, PromoteReadReplicaCommand } = await import('@aws-sdk/client-rds');
  const { ECSClient, UpdateServiceCommand } = await import('@aws-sdk/client-ecs');
  const rds = new RDSClient({});
  const ecs = new ECSClient({});
  const replicaId = process.env.REPLICA_ID;
  const settings = {
    replicaId,
    cluster: process.env.STANDBY_CLUSTER,
    services: parseStandbyServices(process.env.STANDBY_SERVICES),
  };
  const result = await promoteAndScale(event, settings, {
    describe: async (id) => {
      const res = await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
      return res.DBInstances?.[0];
    },
    promote: (id) => rds.send(new PromoteReadReplicaCommand({ DBInstanceIdentifier: id, BackupRetentionPeriod: 7 })),
    scale: (cluster, service, desiredCount) => ecs.send(new UpdateServiceCommand({ cluster, service, desiredCount })),
  });
  // a Lambda logs to CloudWatch through the console
  // eslint-disable-next-line no-console
  console.log(JSON.stringify({ replicaId, ...result }));
  if (result.action === 'failed') throw new Error(result.reason);
  return result;
}
