import { randomBytes } from 'node:crypto';
import type { Bus } from '../../src/bus/bus.ts';
import { FallbackBus } from '../../src/bus/fallback-bus.ts';
import { InProcessBus } from '../../src/bus/in-process-bus.ts';
import { PostgresNotifyBus } from '../../src/bus/postgres-notify-bus.ts';
import { PostgresNotifyTransport } from '../../src/bus/postgres-notify-transport.ts';
import { RedisBus } from '../../src/bus/redis-bus.ts';
import { RedisTransport } from '../../src/bus/redis-transport.ts';
import { createLogger, type Logger } from '../../src/runtime/logger.ts';
import { testDatabaseUrl, type TestDatabase } from '../support/postgres.ts';
import { startRedisServer, type RedisTestServer } from './redis-test-server.ts';

/** Servers the implementations share within one test file: a redis-server of its own and a fresh PostgreSQL database. */
export interface BusServers {
  redis: RedisTestServer;
  db: TestDatabase;
  logger: Logger;
}

export async function startBusServers(logger: Logger = createLogger('silent')): Promise<BusServers> {
  const [redis, db] = await Promise.all([startRedisServer(), testDatabaseUrl()]);
  return { redis, db, logger };
}

export async function stopBusServers(servers: BusServers | undefined): Promise<void> {
  await servers?.redis.stop();
  await servers?.db.drop();
}

/** A fresh channel name: buses made with the same one are replicas of each other, others do not hear them. */
export const newChannel = (): string => `t${randomBytes(6).toString('hex')}`;

export interface BusImplementation {
  name: string;
  /** false: the bus does not reach other processes (a second instance hears nothing) */
  replicas: boolean;
  /** a started bus for a "replica" named `origin` on `channel` */
  make(servers: BusServers, channel: string, origin: string): Promise<Bus>;
}

const fastBackoff = { minMs: 20, maxMs: 200 };
const redisTransport = (s: BusServers, channel: string, origin: string) =>
  new RedisTransport({ url: s.redis.url, prefix: channel, origin, logger: s.logger, backoff: fastBackoff });
const notifyTransport = (s: BusServers, channel: string, origin: string) =>
  new PostgresNotifyTransport({
    url: s.db.url,
    channel: `pharos_${channel}`,
    origin,
    logger: s.logger,
    backoff: fastBackoff,
  });

export const busImplementations: BusImplementation[] = [
  { name: 'in-process', replicas: false, make: async () => new InProcessBus() },
  {
    name: 'redis',
    replicas: true,
    make: async (s, channel, origin) =>
      started(new RedisBus({ url: s.redis.url, prefix: channel, origin, logger: s.logger, backoff: fastBackoff })),
  },
  {
    name: 'postgres-notify',
    replicas: true,
    make: async (s, channel, origin) =>
      started(
        new PostgresNotifyBus({
          url: s.db.url,
          channel: `pharos_${channel}`,
          origin,
          logger: s.logger,
          backoff: fastBackoff,
        }),
      ),
  },
  {
    name: 'redis with PostgreSQL NOTIFY fallback',
    replicas: true,
    make: async (s, channel, origin) =>
      started(
        new FallbackBus(redisTransport(s, channel, origin), notifyTransport(s, channel, origin), { logger: s.logger }),
      ),
  },
  {
    name: 'redis without fallback (SQLite)',
    replicas: true,
    make: async (s, channel, origin) =>
      started(new FallbackBus(redisTransport(s, channel, origin), undefined, { logger: s.logger })),
  },
];

async function started<B extends Bus & { start(): Promise<void> }>(bus: B): Promise<B> {
  await bus.start();
  return bus;
}
