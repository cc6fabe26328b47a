import type { Logger } from '../runtime/logger.ts';
import { PostgresNotifyTransport, type PostgresNotifyTransportOptions } from './postgres-notify-transport.ts';
import { TransportBus } from './transport-bus.ts';

/** Events between replicas over PostgreSQL LISTEN/NOTIFY: the default when the store is PostgreSQL and no Redis is configured. */
export class PostgresNotifyBus extends TransportBus {
  constructor(opts: PostgresNotifyTransportOptions & { logger: Logger }) {
    super(new PostgresNotifyTransport(opts), opts.logger);
  }
}
