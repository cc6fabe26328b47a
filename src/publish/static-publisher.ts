import type { Logger } from '../runtime/logger.ts';
import { invalidationPaths, planPublish } from './publish-plan.ts';
import type { PublishTargetWriter } from './publish-target.ts';
import { MANIFEST_PATH } from './manifest.ts';
import type { StaticFile } from './static-file.ts';

/** Files put at once on one target. */
const PUT_CONCURRENCY = 8;

export interface StaticPublisherOptions {
  targets: PublishTargetWriter[];
  /** the site as files, from the snapshot as it is now */
  render(): StaticFile[];
  debounceMs: number;
  retryMs: number;
  maxRetryMs: number;
  logger: Logger;
  now?: () => number;
}

/** One target's account, for /readyz and /metrics. */
export interface TargetState {
  name: string;
  publishes: number;
  failures: number;
  filesPut: number;
  filesDeleted: number;
  invalidations: number;
  lastSuccessAt: number | undefined;
  failingSince: number | undefined;
  lastError: string | undefined;
  /** ms from the change that asked for it to the end of the last successful publish */
  lastLatencyMs: number | undefined;
}

interface Target {
  writer: PublishTargetWriter;
  /** what the target holds, as this process wrote it (undefined until read from the target) */
  known: Map<string, string | undefined> | undefined;
  state: TargetState;
}

/**
 * Keeps each target's copy of the site equal to the snapshot: told of a change (the snapshot's rebuilt notification),
 * it waits `debounceMs`, renders the files, and on every target puts what changed and deletes what went, then
 * invalidates the changed paths on the CDN. A failure is logged, counted and retried with backoff; it never reaches the
 * live pages (nothing here runs on a request, and nothing awaits it).
 */
export class StaticPublisher {
  readonly #opts: StaticPublisherOptions;
  readonly #targets: Target[];
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  /** when the oldest change not yet published was announced */
  #pendingSince: number | undefined;
  #retryMs: number;
  #stopped = false;

  constructor(opts: StaticPublisherOptions) {
    this.#opts = opts;
    this.#now = opts.now ?? Date.now;
    this.#retryMs = opts.retryMs;
    this.#targets = opts.targets.map((writer) => ({
      writer,
      known: undefined,
      state: {
        name: writer.name,
        publishes: 0,
        failures: 0,
        filesPut: 0,
        filesDeleted: 0,
        invalidations: 0,
        lastSuccessAt: undefined,
        failingSince: undefined,
        lastError: undefined,
        lastLatencyMs: undefined,
      },
    }));
  }

  get targets(): readonly TargetState[] {
    return this.#targets.map((t) => t.state);
  }

  /** Why the static copy is not current, or null: for /readyz (never /readyz/serving: the live page is fine). */
  problem(): string | null {
    const failing = this.#targets.filter((t) => t.state.failingSince !== undefined);
    if (failing.length === 0) return null;
    return failing
      .map(
        (t) =>
          `publishing to ${t.state.name} failing since ${new Date(t.state.failingSince!).toISOString()} (${t.state.failures} failure(s)): ${t.state.lastError}`,
      )
      .join('; ');
  }

  /** Something shown changed: publish after the debounce (one publish for a burst). */
  changed(): void {
    if (this.#stopped) return;
    this.#pendingSince ??= this.#now();
    if (this.#running) {
      this.#again = true;
      return;
    }
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.publish();
    }, this.#opts.debounceMs);
  }

  /** Publish now to every target; resolves when done (failures are recorded and retried, never thrown). */
  async publish(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#pendingSince ??= this.#now();
    this.#running = this.publishAll();
    try {
      await this.#running;
    } finally {
      this.#running = undefined;
    }
    if (this.#again && !this.#stopped) {
      this.#again = false;
      this.changed();
    }
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  private async publishAll(): Promise<void> {
    const since = this.#pendingSince ?? this.#now();
    this.#pendingSince = undefined;
    let files: StaticFile[];
    try {
      files = this.#opts.render();
    } catch (err) {
      for (const t of this.#targets) this.failed(t, err);
      this.retryLater(since);
      return;
    }
    const results = await Promise.all(this.#targets.map((t) => this.publishTo(t, files, since)));
    if (results.includes(false)) this.retryLater(since);
    else this.#retryMs = this.#opts.retryMs;
  }

  private async publishTo(target: Target, files: StaticFile[], since: number): Promise<boolean> {
    const { writer, state } = target;
    try {
      target.known ??= await writer.current();
      const known = target.known;
      const plan = planPublish(known, files);
      const manifest = plan.upload.filter((f) => f.path === MANIFEST_PATH);
      const rest = plan.upload.filter((f) => f.path !== MANIFEST_PATH);
      await inParallel(rest, PUT_CONCURRENCY, async (file) => {
        known.set(file.path, undefined); // a put that fails half-way leaves it unknown: rewritten next time
        await writer.put(file);
        known.set(file.path, file.sha256);
        state.filesPut++;
      });
      if (plan.remove.length > 0) {
        await writer.remove(plan.remove);
        for (const p of plan.remove) known.delete(p);
        state.filesDeleted += plan.remove.length;
      }
      for (const file of manifest) {
        await writer.put(file);
        known.set(file.path, file.sha256);
        state.filesPut++;
      }
      const changed = [...rest.map((f) => f.path), ...plan.remove];
      if (writer.invalidate && changed.length > 0) {
        await writer.invalidate(invalidationPaths(changed));
        state.invalidations++;
      }
      if (changed.length > 0 || state.lastSuccessAt === undefined)
        this.#opts.logger.info(
          { component: 'publish', target: writer.name, put: rest.length, deleted: plan.remove.length },
          'static copy published',
        );
      if (state.failingSince !== undefined)
        this.#opts.logger.info({ component: 'publish', target: writer.name }, 'publishing the static copy works again');
      state.publishes++;
      state.lastSuccessAt = this.#now();
      state.lastLatencyMs = state.lastSuccessAt - since;
      state.failingSince = undefined;
      state.lastError = undefined;
      return true;
    } catch (err) {
      this.failed(target, err);
      return false;
    }
  }

  private failed(target: Target, err: unknown): void {
    const { state } = target;
    state.failures++;
    state.failingSince ??= this.#now();
    state.lastError = err instanceof Error ? err.message : String(err);
    this.#opts.logger.error(
      { component: 'publish', target: state.name, err, failures: state.failures },
      'publishing the static copy failed; retrying',
    );
  }

  private retryLater(since: number): void {
    if (this.#stopped || this.#timer) return;
    this.#pendingSince = Math.min(this.#pendingSince ?? since, since);
    const wait = this.#retryMs;
    this.#retryMs = Math.min(this.#retryMs * 2, this.#opts.maxRetryMs);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.publish();
    }, wait);
    this.#timer.unref();
  }
}

async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
