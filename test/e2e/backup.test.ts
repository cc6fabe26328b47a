import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { CLI_ACTOR } from '../../src/admin/actor.ts';
import { createToken } from '../../src/admin/api-tokens.ts';
import { monitorSpec } from '../../src/admin/catalog/catalog-kinds.ts';
import { createCatalogItem, parseConfig } from '../../src/admin/catalog/catalog-service.ts';
import { setComponentStatus } from '../../src/admin/component-overrides.ts';
import { incidentCreateSchema } from '../../src/admin/incident-input.ts';
import { createIncident } from '../../src/admin/incidents.ts';
import type { ServiceContext } from '../../src/admin/service-context.ts';
import { createUser } from '../../src/admin/users.ts';
import { verifyPassword } from '../../src/auth/password.ts';
import { hashSecret } from '../../src/auth/secret-token.ts';
import { BackupError } from '../../src/backup/backup-error.ts';
import { backupStore } from '../../src/backup/backup-store.ts';
import { BACKUP_TABLES, tableSpec, type TableName } from '../../src/backup/backup-tables.ts';
import { EXPORT_TABLES } from '../../src/backup/config-export-format.ts';
import { importConfig, parseExportDocument } from '../../src/backup/config-import.ts';
import { countRows, readTableRows, type Row } from '../../src/backup/read-table-rows.ts';
import { restoreBackupFile } from '../../src/backup/restore-store.ts';
import { withDatabase } from '../../src/backup/with-database.ts';
import { parseConfigText } from '../../src/config/load-config.ts';
import { newId } from '../../src/domain/ids.ts';
import { defaultEgressPolicy } from '../../src/egress/egress-policy.ts';
import { createLogger } from '../../src/runtime/logger.ts';
import { startPharos } from '../../src/runtime/start-pharos.ts';
import { openStore } from '../../src/store/open-store.ts';
import { stopTestPostgres, testDatabaseUrl, type TestDatabase } from '../support/postgres.ts';
import { startSwitchableTarget, type SwitchableTarget } from '../support/switchable-target.ts';
import { waitFor } from '../support/wait-for.ts';

const REPO = new URL('../..', import.meta.url).pathname;
const PASSWORD = 'a long enough passphrase 42';

/** The CLI from source, as a subprocess (run from the repository so `--import tsx` resolves). */
function pharos(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const configText = (target: string, storageUrl: string) => `
title: Backup E2E
storage: { url: "${storageUrl}", batch_interval: 20ms }
components:
  - { id: api, name: Public API, group: Backend, monitors: [healthy] }
  - { id: jobs, name: Jobs, monitors: [failing] }
monitors:
  - { id: healthy, type: http, url: "${target}/health", interval: 1s, timeout: 500ms, conditions: ["[STATUS] == 200"] }
  - { id: failing, type: http, url: "${target}/health", interval: 1s, timeout: 500ms, conditions: ["[STATUS] == 201"], failure_threshold: 1 }
`;

/** Every table's rows, in a dialect-independent order (by primary key as JSON). */
async function dump(url: string, tables: readonly TableName[] = BACKUP_TABLES): Promise<Record<string, Row[]>> {
  return withDatabase(url, async (db) => {
    const out: Record<string, Row[]> = {};
    for (const table of tables) {
      const rows: Row[] = [];
      for await (const page of readTableRows(db, table)) rows.push(...page);
      const key = (r: Row) => JSON.stringify(tableSpec(table).primaryKey.map((c) => r[c]));
      out[table] = rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    }
    return out;
  });
}

/** Results and their hourly rollups are written in one transaction: a consistent snapshot counts them alike. */
function assertResultsMatchRollups(tables: Record<string, Row[]>): void {
  const rolled = tables.rollups!.filter((r) => r.granularity === 'hour').reduce((sum, r) => sum + Number(r.checks), 0);
  assert.equal(rolled, tables.results!.length);
}

interface Populated {
  token: string;
  email: string;
}

/**
 * A store as Pharos leaves it: two monitors checked for a few seconds (results, rollups, states, status
 * changes, an automatic incident), a user, a token, a manual incident, an API monitor, an override; then,
 * with Pharos stopped, a notification channel with a secret and a subscriber. `midRun` is backed up while
 * Pharos is still checking.
 */
async function populate(storageUrl: string, target: SwitchableTarget, midRun: string): Promise<Populated> {
  const config = parseConfigText(configText(target.url, storageUrl), 'backup.yaml', {});
  const running = await startPharos({ config, port: 0, logger: createLogger('silent') });
  const email = `admin-${newId()}@example.com`;
  let token: string;
  try {
    const recent = async (id: string) =>
      (await running.store.listResults(id, { from: 0, to: Date.now() + 1000, limit: 100 })).length;
    await waitFor(
      'a few results of each monitor, the failing one down',
      async () =>
        running.board.stateOf('failing').status === 'down' &&
        (await recent('healthy')) >= 3 &&
        (await recent('failing')) >= 3,
      15_000,
    );
    const ctx: ServiceContext = {
      actor: CLI_ACTOR,
      store: running.store,
      bus: running.bus,
      runtime: running.admin,
      egress: defaultEgressPolicy(),
      now: Date.now,
    };
    const user = await createUser(ctx, { email, role: 'admin', password: PASSWORD, name: 'Backup Admin' });
    ({ token } = await createToken(ctx, { name: 'deploy', scopes: ['read', 'write'], userId: user.id }));
    await createIncident(
      ctx,
      incidentCreateSchema.parse({
        name: 'Database failover',
        status: 'monitoring',
        body: 'Switching over',
        components: [{ id: 'api', status: 'degraded_performance' }],
      }),
    );
    await createCatalogItem(
      ctx,
      monitorSpec,
      parseConfig(monitorSpec, { id: 'api-push', type: 'push', token: 'backup-push-token-0123456789', interval: '1h' }),
    );
    await setComponentStatus(ctx, 'jobs', { status: 'partial_outage', note: 'known issue' });
    await backupStore(storageUrl, midRun);
    const before = await recent('healthy');
    await waitFor('one more result after the backup', async () => (await recent('healthy')) > before, 5_000);
  } finally {
    await running.close();
  }
  const store = await openStore(storageUrl);
  try {
    const now = Date.now();
    await store.admin.putCatalog(
      'channel',
      {
        id: 'ops-hook',
        config: {
          id: 'ops-hook',
          type: 'webhook',
          url: 'https://hooks.example.com/pharos',
          secret: 's3cret-signing-key',
        },
        managedBy: 'api',
        position: 0,
      },
      now,
    );
    await store.admin.createSubscriber({
      id: newId(),
      kind: 'email',
      target: 'reader@example.com',
      componentIds: ['api'],
      confirmedAt: now,
      createdAt: now,
      pageSlug: '',
      pageAccess: null,
    });
  } finally {
    await store.close();
  }
  return { token, email };
}

/** What a realistic store must hold for the round trips to mean something. */
const MUST_HOLD = [
  'monitors',
  'components',
  'catalog_objects',
  'users',
  'api_tokens',
  'monitor_states',
  'results',
  'rollups',
  'status_changes',
  'component_statuses',
  'incidents',
  'incident_components',
  'incident_updates',
  'audit_log',
  'component_overrides',
  'subscribers',
] as const;

describe('backup, restore, export and import', () => {
  let dir: string;
  let target: SwitchableTarget;
  const databases: TestDatabase[] = [];
  const freshPostgres = async () => {
    const db = await testDatabaseUrl();
    databases.push(db);
    return db.url;
  };
  const configFile = async (name: string, storageUrl: string) => {
    const file = join(dir, `${name}.yaml`);
    await writeFile(file, `title: ${name}\nstorage: { url: "${storageUrl}" }\n`);
    return file;
  };
  let sqliteUrl: string;
  let sqlite: Populated;
  let pgUrl: string;
  let pg: Populated;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pharos-backup-'));
    target = await startSwitchableTarget();
    sqliteUrl = `sqlite:${join(dir, 'source.db')}`;
    sqlite = await populate(sqliteUrl, target, join(dir, 'sqlite-mid-run.db'));
    pgUrl = await freshPostgres();
    pg = await populate(pgUrl, target, join(dir, 'pg-mid-run.jsonl.gz'));
  });
  after(async () => {
    await target?.close();
    for (const db of databases) await db.drop();
    await stopTestPostgres();
    await rm(dir, { recursive: true, force: true });
  });

  test('SQLite: the online backup restores into a new SQLite file with every row equal', async () => {
    const source = await dump(sqliteUrl);
    for (const table of MUST_HOLD) assert.ok(source[table]!.length > 0, `the source has ${table}`);

    const out = join(dir, 'sqlite.bak');
    const backup = await pharos('backup', '--config', await configFile('sqlite-source', sqliteUrl), '--out', out);
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, /SQLite online backup, \d+ tables, \d+ rows, \d+ bytes/);
    assert.equal((await stat(out)).mode & 0o777, 0o600);

    const restoredUrl = `sqlite:${join(dir, 'restored.db')}`;
    const restore = await pharos('restore', out, '--config', await configFile('sqlite-restored', restoredUrl));
    assert.equal(restore.code, 0, restore.stderr);
    assert.match(restore.stdout, /restored \d+ rows/);
    assert.deepEqual(await dump(restoredUrl), source);
  });

  test('a backup taken while Pharos was checking is a consistent snapshot and restores', async () => {
    for (const [file, name] of [
      [join(dir, 'sqlite-mid-run.db'), 'sqlite'],
      [join(dir, 'pg-mid-run.jsonl.gz'), 'postgres'],
    ] as const) {
      const restoredUrl = `sqlite:${join(dir, `mid-run-${name}.db`)}`;
      await restoreBackupFile(restoredUrl, file);
      const tables = await dump(restoredUrl);
      assert.ok(tables.results!.length >= 6, name);
      assertResultsMatchRollups(tables);
      assert.equal(tables.users!.length, 1, name);
    }
  });

  test('PostgreSQL: the logical backup restores into a fresh PostgreSQL database and into SQLite; identity sequences move past the restored keys', async () => {
    const source = await dump(pgUrl);
    for (const table of MUST_HOLD) assert.ok(source[table]!.length > 0, `the source has ${table}`);
    assertResultsMatchRollups(source);

    const out = join(dir, 'pg.jsonl.gz');
    const backup = await pharos('backup', '--config', await configFile('pg-source', pgUrl), '--out', out);
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, /logical backup \(gzip'd JSON lines\), \d+ tables/);
    assert.equal((await stat(out)).mode & 0o777, 0o600);
    const header = JSON.parse(
      gunzipSync(await readFile(out))
        .toString('utf8')
        .split('\n')[0]!,
    ) as Record<string, unknown>;
    assert.equal(header.format, 'pharos-backup');
    assert.equal(header.dialect, 'postgres');
    assert.ok((header.migrations as string[]).includes('0001-monitors-components'));

    const restoredPg = await freshPostgres();
    await restoreBackupFile(restoredPg, out);
    assert.deepEqual(await dump(restoredPg), source);

    const restoredSqlite = `sqlite:${join(dir, 'from-postgres.db')}`;
    await restoreBackupFile(restoredSqlite, out);
    assert.deepEqual(await dump(restoredSqlite), source);

    const maxOf = (table: string, column: string) => Math.max(...source[table]!.map((r) => Number(r[column])));
    await withDatabase(restoredPg, async (db) => {
      const now = Date.now();
      const monitor = await db
        .insertInto('monitors')
        .values({
          id: 'after-restore',
          config: '{}',
          managed_by: 'api',
          position: 9,
          archived_at: null,
          created_at: now,
          updated_at: now,
        })
        .returning('key')
        .executeTakeFirstOrThrow();
      assert.ok(monitor.key > maxOf('monitors', 'key'));
      const change = await db
        .insertInto('status_changes')
        .values({ monitor_key: monitor.key, at: now, from_status: 'up', to_status: 'down', reason: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      assert.ok(change.id > maxOf('status_changes', 'id'));
      const entry = await db
        .insertInto('audit_log')
        .values({
          at: now,
          actor_type: 'cli',
          actor_id: null,
          actor_label: 'cli',
          action: 'test',
          target_type: 'test',
          target_id: null,
          before_value: null,
          after_value: null,
          ip: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      assert.ok(entry.id > maxOf('audit_log', 'id'));
    });
    const store = await openStore(restoredPg);
    try {
      const user = await store.admin.getUserByEmail(pg.email);
      assert.ok(user && (await verifyPassword(PASSWORD, user.passwordHash!)));
      assert.equal((await store.admin.getTokenByHash(hashSecret(pg.token)))?.userId, user.id);
    } finally {
      await store.close();
    }
  });

  test('restore refuses a store that is not empty, a newer schema, another format version and a file cut short', async () => {
    const out = join(dir, 'pg-refusals.jsonl.gz');
    await backupStore(pgUrl, out);
    const refused = await pharos('restore', out, '--config', await configFile('not-empty', sqliteUrl));
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /not empty \(\d+ monitors, .*\): restore only into an empty store/);

    const lines = gunzipSync(await readFile(out))
      .toString('utf8')
      .trimEnd()
      .split('\n');
    const header = JSON.parse(lines[0]!) as { migrations: string[]; version: number };
    const variant = async (name: string, edit: (l: string[]) => string[]) => {
      const file = join(dir, `${name}.jsonl.gz`);
      await writeFile(file, gzipSync(`${edit([...lines]).join('\n')}\n`));
      const url = `sqlite:${join(dir, `${name}.db`)}`;
      const err = await restoreBackupFile(url, file).then(
        () => assert.fail(`${name} was restored`),
        (e: unknown) => e,
      );
      assert.ok(err instanceof BackupError, String(err));
      const held = await withDatabase(url, (db) => countRows(db, BACKUP_TABLES));
      assert.equal(
        Object.values(held).reduce((a, b) => a + b, 0),
        0,
        `${name} left the target empty`,
      );
      return err;
    };
    const newer = await variant('newer', (l) => [
      JSON.stringify({ ...header, migrations: [...header.migrations, '9999-from-the-future'] }),
      ...l.slice(1),
    ]);
    assert.equal(newer.code, 'newer_schema');
    assert.match(newer.message, /newer schema .*9999-from-the-future.*upgrade Pharos/);
    const version = await variant('version', (l) => [JSON.stringify({ ...header, version: 2 }), ...l.slice(1)]);
    assert.equal(version.code, 'unsupported');
    const cut = await variant('cut', (l) => l.slice(0, -1));
    assert.equal(cut.code, 'bad_file');
    assert.match(cut.message, /cut short/);
  });

  test('export from SQLite, import into PostgreSQL: catalog, overrides, users, tokens and subscribers equal; the user still signs in', async () => {
    const out = join(dir, 'export.json');
    const exported = await pharos('export', '--config', await configFile('export-source', sqliteUrl), '--out', out);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stderr, /password hashes and channel secrets/);
    assert.equal((await stat(out)).mode & 0o777, 0o600);
    const doc = JSON.parse(await readFile(out, 'utf8')) as { tables: Record<string, Row[]> };
    assert.equal(doc.tables.results, undefined);
    assert.match(JSON.stringify(doc.tables.catalog_objects), /s3cret-signing-key/);

    const targetPg = await freshPostgres();
    const targetConfig = await configFile('import-target', targetPg);
    const imported = await pharos('import', out, '--config', targetConfig);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(
      imported.stdout,
      /imported 3 monitors, 2 components, \d+ catalog_objects, 1 component_overrides, 1 users, 1 api_tokens, 1 subscribers/,
    );
    // importing again updates in place: nothing doubles
    const again = await withDatabase(targetPg, (db, dialect) => importConfig(db, dialect, doc));
    assert.equal(again.users, 1);
    const withoutKeys = (tables: Record<string, Row[]>) => ({
      ...tables,
      monitors: tables
        .monitors!.map(({ key: _key, ...rest }) => rest)
        .sort((a, b) => String(a.id).localeCompare(String(b.id))),
    });
    assert.deepEqual(
      withoutKeys(await dump(targetPg, EXPORT_TABLES)),
      withoutKeys(await dump(sqliteUrl, EXPORT_TABLES)),
    );

    const store = await openStore(targetPg);
    try {
      const user = await store.admin.getUserByEmail(sqlite.email);
      assert.ok(user?.passwordHash && (await verifyPassword(PASSWORD, user.passwordHash)));
      assert.equal((await store.admin.getTokenByHash(hashSecret(sqlite.token)))?.userId, user.id);
      assert.deepEqual((await store.listMonitors()).map((m) => m.id).sort(), ['api-push', 'failing', 'healthy']);
    } finally {
      await store.close();
    }

    await withDatabase(targetPg, async (db, dialect) => {
      await assert.rejects(
        importConfig(db, dialect, { ...doc, version: 2 }),
        (err: unknown) => err instanceof BackupError && err.code === 'unsupported',
      );
    });
    assert.throws(() => parseExportDocument({ format: 'something-else' }), /not a Pharos export/);
  });
});
