import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { BusConfig } from '../config/bus-schema.ts';
import type { Logger } from '../runtime/logger.ts';
import type { Bus } from './bus.ts';
import { FallbackBus } from './fallback-bus.ts';
import { InProcessBus } from './in-process-bus.ts';
import { PostgresNotifyTransport } from './postgres-notify-transport.ts';
import { RedisTransport } from './redis-transport.ts';
import { TransportBus } from './transport-bus.ts';

export interface BusSetup {
  bus: BusConfig;
  storage: { url: string };
}

/**
 * The bus for this process, started: Redis (falling back to PostgreSQL NOTIFY, or to this process with SQLite)
 * when configured; otherwise PostgreSQL NOTIFY with a PostgreSQL store, and in-process with SQLite (one process).
 */
export async function createBus(
  config: BusSetup,
  store: { dialect: 'sqlite' | 'postgres' },
  logger: Logger,
): Promise<Bus> {
  const log = logger.child({ component: 'bus' });
  const origin = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const notify =
    store.dialect === 'postgres'
      ? new PostgresNotifyTransport({ url: config.storage.url, origin, logger: log })
      : undefined;
  if (config.bus.redis) {
    const redis = new RedisTransport({
      url: config.bus.redis.url,
      prefix: config.bus.redis.prefix,
      origin,
      logger: log,
    });
    const bus = new FallbackBus(redis, notify, { logger: log });
    await bus.start();
    log.info(
      { kind: bus.kind, fallback: notify?.name ?? 'in-process', connected: bus.status().connected },
      'event bus started',
    );
    return bus;
  }
  if (notify) {
    const bus = new TransportBus(notify, log);
    await bus.start();
    log.info({ kind: bus.kind, connected: bus.status().connected }, 'event bus started');
    return bus;
  }
  return new InProcessBus((err) => log.error({ err }, 'event handler failed'));
}
