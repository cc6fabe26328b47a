import { z } from 'zod';

/** How replicas tell each other about changes (see README "The event bus between replicas"). */
export const busSchema = z
  .object({
    /** Redis pub/sub; absent: PostgreSQL LISTEN/NOTIFY with a PostgreSQL store, in-process with SQLite */
    redis: z
      .object({
        /** redis://[:password@]host:port[/db] or rediss://…; write ${REDIS_URL} to keep a password out of the file */
        url: z.string().regex(/^rediss?:\/\/.+/, 'must be redis://… or rediss://…'),
        /** the channel is "<prefix>:events": replicas of one status page share it, others pick their own */
        prefix: z
          .string()
          .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'letters, digits and _ . : - only')
          .default('pharos'),
      })
      .strict()
      .optional(),
  })
  .strict()
  .prefault({});
export type BusConfig = z.infer<typeof busSchema>;
