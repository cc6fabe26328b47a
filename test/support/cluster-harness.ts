import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { clusterConfigText, DEFAULT_SHAPE, type ClusterShape } from './cluster-config.ts';
import { pickStablePort } from './cluster-ports.ts';
import { startClusterTarget, type ClusterTarget } from './cluster-target.ts';
import { startHttpReceiver, type HttpReceiver } from './http-receiver.ts';
import { startOwnPostgres, type OwnPostgres } from './own-postgres.ts';
import { startOwnRedis, type OwnRedis } from './own-redis.ts';
import { PharosProcess } from './pharos-process.ts';
import { startTcpProxy, type TcpProxy } from './cluster-tcp-proxy.ts';

/**
 * Several `pharos start` processes (workers and web replicas) on one PostgreSQL and one Redis that belong to the
 * test, monitoring a local target and notifying a local webhook receiver. The test reads what they stored
 * straight from PostgreSQL.
 */
export interface Cluster {
  shape: ClusterShape;
  dir: string;
  pg: OwnPostgres;
  redis: OwnRedis;
  target: ClusterTarget;
  receiver: HttpReceiver;
  workers: PharosProcess[];
  webs: PharosProcess[];
  all: PharosProcess[];
  /** a pool on the test's PostgreSQL (queries fail while it is stopped) */
  db: pg.Pool;
  /** by process name: the proxy between that process and PostgreSQL (only for `proxied`) */
  proxies: Map<string, TcpProxy>;
  close(): Promise<void>;
}

export interface ClusterSummary {
  status: { indicator: string };
  components: { id: string; status: string }[];
  incidents: { id: string; name: string; status: string }[];
}

/** `proxied`: names of processes (`worker0`, `web1`…) that reach PostgreSQL through a proxy the test can cut or stall */
export async function startCluster(opts: {
  workers: number;
  webs: number;
  shape?: ClusterShape;
  name: string;
  proxied?: string[];
}): Promise<Cluster> {
  const shape = opts.shape ?? DEFAULT_SHAPE;
  const dir = await mkdtemp(join(tmpdir(), `pharos-${opts.name}-`));
  const parts: Partial<Cluster> & {
    dir: string;
    shape: ClusterShape;
    workers: PharosProcess[];
    webs: PharosProcess[];
    proxies: Map<string, TcpProxy>;
  } = { dir, shape, workers: [], webs: [], proxies: new Map() };
  const close = () => closeCluster(parts);
  try {
    parts.pg = await startOwnPostgres();
    parts.redis = await startOwnRedis();
    parts.target = await startClusterTarget();
    parts.receiver = await startHttpReceiver();
    parts.db = new pg.Pool({ connectionString: parts.pg.url, max: 3, connectionTimeoutMillis: 2_000 });
    parts.db.on('error', () => undefined);
    const { pg: ownPg, redis, target, receiver } = parts;
    const writeConfig = async (file: string, storage: string) => {
      await writeFile(
        file,
        clusterConfigText(shape, { storage, redis: redis.url, target: target.url, webhook: receiver.url }),
      );
      return file;
    };
    const configFile = await writeConfig(join(dir, 'pharos.yaml'), ownPg.url);
    const proxies = parts.proxies;
    const make = async (name: string, role: 'web' | 'worker') => {
      let file = configFile;
      if (opts.proxied?.includes(name)) {
        const proxy = await startTcpProxy(ownPg.port);
        proxies.set(name, proxy);
        const url = new URL(ownPg.url);
        url.port = String(proxy.port);
        file = await writeConfig(join(dir, `${name}.yaml`), url.toString());
      }
      return new PharosProcess(name, { configFile: file, role, port: await pickStablePort(), logDir: dir });
    };
    for (let i = 0; i < opts.workers; i++) parts.workers.push(await make(`worker${i}`, 'worker'));
    for (let i = 0; i < opts.webs; i++) parts.webs.push(await make(`web${i}`, 'web'));
    const [first, ...rest] = [...parts.workers, ...parts.webs];
    // the first one migrates and syncs the catalog alone; the others start together
    await first?.start();
    await Promise.all(rest.map((p) => p.start()));
    return { ...(parts as Cluster), all: [...parts.workers, ...parts.webs], close };
  } catch (err) {
    await close();
    throw err;
  }
}

async function closeCluster(
  parts: Partial<Cluster> & {
    dir: string;
    workers: PharosProcess[];
    webs: PharosProcess[];
    proxies: Map<string, TcpProxy>;
  },
): Promise<void> {
  const settle = (p: Promise<unknown> | undefined) => p?.catch(() => undefined);
  await Promise.all([...parts.workers, ...parts.webs].map((p) => settle(p.dispose())));
  await Promise.all([...parts.proxies.values()].map((p) => settle(p.close())));
  await settle(parts.db?.end());
  await settle(parts.receiver?.close());
  await settle(parts.target?.close());
  await settle(parts.redis?.close());
  await settle(parts.pg?.close());
  if (!process.env.PHAROS_KEEP_CLUSTER_LOGS) await rm(parts.dir, { recursive: true, force: true });
}

/** The units each live lease names, by process name (owner ids are `<host>:<pid>:<random>`; a dead pid shows as `pid:<n>`). */
export async function leaseOwners(cluster: Cluster, now = Date.now()): Promise<Map<string, string[]>> {
  const { rows } = await cluster.db.query<{ unit: string; owner: string }>(
    'select unit, owner from leases where expires_at > $1 order by unit',
    [now],
  );
  const byPid = new Map(cluster.workers.filter((w) => w.running).map((w) => [String(w.pid), w.name]));
  const owners = new Map<string, string[]>();
  for (const { unit, owner } of rows) {
    const pid = /:(\d+):[^:]+$/.exec(owner)?.[1] ?? owner;
    const name = byPid.get(pid) ?? `pid:${pid}`;
    owners.set(name, [...(owners.get(name) ?? []), unit]);
  }
  return owners;
}

/** When the current lease of each of these units began (ms since epoch, the claimer's clock). */
export async function leaseStarts(cluster: Cluster, units: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await cluster.db.query<{ unit: string; acquired_at: string }>(
    'select unit, acquired_at from leases where unit = any($1)',
    [[...units]],
  );
  return new Map(rows.map((r) => [r.unit, Number(r.acquired_at)]));
}

/** Every unit owned by a running worker, nobody above the fair share ceil(units / running workers). */
export function isBalanced(
  owners: Map<string, string[]>,
  units: readonly string[],
  runningWorkers: readonly string[],
): boolean {
  const share = Math.ceil(units.length / runningWorkers.length);
  const owned = runningWorkers.flatMap((w) => owners.get(w) ?? []);
  return (
    owned.length === units.length &&
    new Set(owned).size === units.length &&
    runningWorkers.every((w) => (owners.get(w)?.length ?? 0) <= share)
  );
}

/** started_at of every stored result, per monitor id, ascending */
export async function storedResults(cluster: Cluster): Promise<Map<string, number[]>> {
  const { rows } = await cluster.db.query<{ id: string; started_at: string }>(
    'select m.id, r.started_at from results r join monitors m on m.key = r.monitor_key order by m.id, r.started_at',
  );
  const byMonitor = new Map<string, number[]>();
  for (const r of rows) {
    const times = byMonitor.get(r.id) ?? [];
    times.push(Number(r.started_at));
    byMonitor.set(r.id, times);
  }
  return byMonitor;
}

export async function summaryOf(
  p: PharosProcess,
): Promise<{ summary: ClusterSummary; stale: string | null; status: number } | undefined> {
  try {
    const res = await fetch(`${p.url}/api/v2/summary.json`, { signal: AbortSignal.timeout(3_000) });
    return {
      status: res.status,
      stale: res.headers.get('x-pharos-stale'),
      summary: (await res.json()) as ClusterSummary,
    };
  } catch {
    return undefined;
  }
}
