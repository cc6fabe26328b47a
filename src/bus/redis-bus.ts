import type { Logger } from '../runtime/logger.ts';
import { RedisTransport, type RedisTransportOptions } from './redis-transport.ts';
import { TransportBus } from './transport-bus.ts';

/** Events between replicas over Redis pub/sub alone (createBus wraps Redis in a FallbackBus instead). */
export class RedisBus extends TransportBus {
  constructor(opts: RedisTransportOptions & { logger: Logger }) {
    super(new RedisTransport(opts), opts.logger);
  }
}
