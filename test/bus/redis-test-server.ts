import { startOwnRedis } from '../support/own-redis.ts';

/** A redis-server of the test's own on 127.0.0.1 (no persistence), so a test can kill it and start it again on the same port. */
export interface RedisTestServer {
  url: string;
  port: number;
  /** SIGKILL: the clients see their connections drop, as when the host dies */
  kill(): Promise<void>;
  /** start again on the same port */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The bus tests' view of test/support/own-redis.ts (a port that stays ours while Redis is down). */
export async function startRedisServer(): Promise<RedisTestServer> {
  const own = await startOwnRedis();
  return {
    url: own.url,
    port: own.port,
    kill: () => own.stop(),
    restart: async () => {
      await own.stop();
      await own.start();
    },
    stop: () => own.close(),
  };
}
