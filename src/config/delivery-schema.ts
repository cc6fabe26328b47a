import { z } from 'zod';
import { durationMs } from './duration-schema.ts';

/** How the notification outbox retries. */
export const deliverySchema = z
  .object({
    /** give up on a message this old (then it is a dead letter, visible in the admin API) */
    max_age: durationMs({ min: 60_000 }).default(86_400_000),
    /** first retry after about this long, doubling (with jitter) up to backoff_max */
    backoff_base: durationMs({ min: 10 }).default(5_000),
    backoff_max: durationMs({ min: 100 }).default(900_000),
    /** a sender that dies mid-send leaves its messages to others after this long */
    lease: durationMs({ min: 1_000 }).default(60_000),
    /** look for due messages at least this often (new ones are sent at once anyway) */
    poll_interval: durationMs({ min: 10 }).default(1_000),
    /** per attempt */
    timeout: durationMs({ min: 100 }).default(15_000),
  })
  .strict()
  .prefault({});
export type DeliveryConfig = z.infer<typeof deliverySchema>;
