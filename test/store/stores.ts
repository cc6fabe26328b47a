import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import type { Kysely } from 'kysely';
import type { ComponentConfig } from '../../src/config/schema.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Database, StoreDialect } from '../../src/store/schema.ts';
import type { StoreLogger } from '../../src/store/store-context.ts';
import type { Store } from '../../src/store/store.ts';
import { stopTestPostgres, testDatabaseUrl } from '../support/postgres.ts';
import { monitorConfig } from './fixtures.ts';

export const STORE_KINDS: readonly StoreDialect[] = ['sqlite', 'postgres'];

/** What a contract test gets: a store on a database of its own kind, opened before its first test. */
export interface StoreHarness {
  readonly kind: StoreDialect;
  readonly url: string;
  readonly store: Store;
  /** What the store logged at warn level. */
  readonly warnings: unknown[];
  /** A second, raw handle on the same database, for what the Store interface cannot set up. */
  database(): Kysely<Database>;
  /** Make these monitors (and components) exist, keeping those added before: tests share one database. */
  addMonitors(ids: string[], components?: ComponentConfig[]): Promise<void>;
}

/**
 * Run the same describe block against SQLite (a temp file) and PostgreSQL (a fresh database).
 * Tests inside share the store: give each its own monitor ids.
 */
export function forEachStore(name: string, fn: (h: StoreHarness) => void, opts: { migrate?: boolean } = {}): void {
  for (const kind of STORE_KINDS) {
    describe(`${name} [${kind}]`, () => {
      const h = new Harness(kind);
      before(() => h.open(opts.migrate ?? true));
      after(() => h.close());
      fn(h);
    });
  }
}

after(() => stopTestPostgres());

class Harness implements StoreHarness {
  readonly warnings: unknown[] = [];
  private opened?: { url: string; store: Store; cleanup: () => Promise<void> };
  private raw?: Kysely<Database>;
  private monitorIds: string[] = [];
  private components: ComponentConfig[] = [];

  constructor(readonly kind: StoreDialect) {}

  get url(): string {
    return this.current.url;
  }

  get store(): Store {
    return this.current.store;
  }

  async open(migrate: boolean): Promise<void> {
    const { url, cleanup } = await this.newDatabase();
    const store = await openStore(url, { logger: this.logger() });
    if (migrate) await store.migrate();
    this.opened = { url, store, cleanup };
  }

  async close(): Promise<void> {
    await this.raw?.destroy();
    await this.opened?.store.close();
    await this.opened?.cleanup();
  }

  database(): Kysely<Database> {
    this.raw ??= openDatabase(this.url, this.logger()).db;
    return this.raw;
  }

  async addMonitors(ids: string[], components: ComponentConfig[] = []): Promise<void> {
    this.monitorIds = [...new Set([...this.monitorIds, ...ids])];
    this.components = [...this.components.filter((c) => !components.some((n) => n.id === c.id)), ...components];
    await this.store.syncConfig(
      { monitors: this.monitorIds.map((id) => monitorConfig(id)), components: this.components },
      0,
    );
  }

  private get current() {
    if (!this.opened) throw new Error('store not open yet (use it inside a test)');
    return this.opened;
  }

  private async newDatabase(): Promise<{ url: string; cleanup: () => Promise<void> }> {
    if (this.kind === 'postgres') {
      const db = await testDatabaseUrl();
      return { url: db.url, cleanup: db.drop };
    }
    const dir = await mkdtemp(join(tmpdir(), 'pharos-store-test-'));
    return { url: `sqlite:${join(dir, 'pharos.db')}`, cleanup: () => rm(dir, { recursive: true, force: true }) };
  }

  private logger(): StoreLogger {
    const warnings = this.warnings;
    return { info: () => undefined, warn: (obj: unknown) => void warnings.push(obj), error: () => undefined };
  }
}
