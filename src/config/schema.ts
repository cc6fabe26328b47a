import { z } from 'zod';
import { durationMs } from './duration-schema.ts';
import { channelSchema } from '../notify/channel-schema.ts';
import { adminSchema } from './admin-schema.ts';
import { busSchema } from './bus-schema.ts';
import { deliverySchema } from './delivery-schema.ts';
import { egressSchema } from './egress-schema.ts';
import { idSchema } from './id-schema.ts';
import { languageShape } from './language-schema.ts';
import { maintenanceSchema } from './maintenance-schema.ts';
import { metricsSchema } from './metrics-schema.ts';
import { monitorSchema } from './monitor-schema.ts';
import { pageSchema } from './page-schema.ts';
import { sitePublicSchema } from './public-options-schema.ts';
import { publishSchema } from './publish-schema.ts';
import { subscribersSchema } from './subscribers-schema.ts';
import { checkServerLimits, serverLimitsShape } from './server-limits-schema.ts';
import { trustProxySchema } from './trust-proxy-schema.ts';

export const componentSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    /** Name of the component group it is shown under. */
    group: z.string().min(1).max(200).optional(),
    monitors: z.array(idSchema).default([]),
    /** Open and resolve incidents from this component's monitors. */
    auto_incident: z.boolean().default(true),
  })
  .strict();
export type ComponentConfig = z.infer<typeof componentSchema>;

export { maintenanceSchema, type MaintenanceConfig } from './maintenance-schema.ts';
export type { TrustProxy } from './trust-proxy-schema.ts';

export const connectivitySchema = z
  .object({
    /** Targets that should always answer: "tcp://host:port" or "http(s)://…". */
    targets: z.array(z.string().regex(/^(tcp|https?):\/\/.+/, 'must start with tcp://, http:// or https://')).min(1),
    interval: durationMs({ min: 1000 }).default(30_000),
    timeout: durationMs({ min: 10 }).default(5_000),
  })
  .strict();
export type ConnectivityConfig = z.infer<typeof connectivitySchema>;

export const configSchema = z
  .object({
    title: z.string().min(1).max(200).default('Status'),
    description: z.string().max(2000).optional(),
    server: z
      .object({
        port: z.number().int().min(0).max(65535).default(3000),
        host: z.string().default('0.0.0.0'),
        base_url: z.url().optional(),
        /** believe X-Forwarded-For from these proxies: a hop count, a list of addresses/CIDRs, or false (see trust-proxy-schema.ts) */
        trust_proxy: trustProxySchema.default(false),
        /** signs private pages' cookies. Absent: a random key made once and kept in the database (shared by every replica) */
        secret: z.string().min(32, 'at least 32 characters').optional(),
        /** origins allowed to frame the public widget (/widget): ["*"] anyone, [] nobody */
        widget_frame_ancestors: z
          .array(
            z.string().regex(/^(\*|'self'|https?:\/\/[^\s;,]+)$/, "an origin like https://example.com, '*' or 'self'"),
          )
          .max(50)
          .default(['*']),
        /** on SIGTERM/SIGINT: time to finish checks in flight, flush and close before exiting 1 anyway */
        shutdown_grace: durationMs({ min: 1 }).default(20_000),
        ...serverLimitsShape,
      })
      .strict()
      .superRefine(checkServerLimits)
      .prefault({}),
    storage: z
      .object({
        url: z
          .string()
          .regex(/^(sqlite:|postgres(ql)?:\/\/)/, 'must be sqlite:PATH or postgres://…')
          .default('sqlite:./data/pharos.db'),
        /** Results are written in one transaction per batch_interval or batch_size results. */
        batch_interval: durationMs({ min: 1 }).default(100),
        batch_size: z.number().int().min(1).max(100_000).default(1000),
        /** Results kept in memory while the store is unreachable; beyond it the oldest are dropped (and counted). */
        buffer_limit: z.number().int().min(1_000).max(10_000_000).default(500_000),
      })
      .strict()
      .prefault({}),
    retention: z
      .object({
        raw: durationMs({ min: 3_600_000 }).default(14 * 86_400_000),
        rollups: durationMs({ min: 86_400_000 }).default(400 * 86_400_000),
      })
      .strict()
      .prefault({}),
    scheduler: z
      .object({
        /** Checks running at once, across all monitors. */
        concurrency: z.number().int().min(1).max(10_000).default(500),
        /** Checks in flight per target host at once: a slow host cannot take every slot. */
        per_host_concurrency: z.number().int().min(1).max(10_000).default(10),
        /** How long a worker's lease on its monitors lasts without renewal; a dead worker's monitors move within 2 × this. */
        lease_ttl: durationMs({ min: 1_000 }).default(10_000),
        /**
         * Worker threads for the network part of checks (http, tcp, dns, tls, udp): 0 runs them in the main thread;
         * `auto`, one thread when the machine has two CPUs or more.
         */
        check_threads: z.union([z.literal('auto'), z.number().int().min(0).max(8)]).default('auto'),
      })
      .strict()
      .prefault({}),
    logging: z
      .object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') })
      .strict()
      .prefault({}),
    connectivity: connectivitySchema.optional(),
    /** Prometheus /metrics (see README "Observability") */
    metrics: metricsSchema.prefault({}),
    admin: adminSchema,
    egress: egressSchema.prefault({}),
    subscribers: subscribersSchema.prefault({}),
    components: z.array(componentSchema).default([]),
    monitors: z.array(monitorSchema).default([]),
    maintenances: z.array(maintenanceSchema).default([]),
    /** notification channels (see README "Notifications") */
    notifications: z.array(channelSchema).default([]),
    /** retries and leases of the notification outbox */
    delivery: deliverySchema,
    /** events between replicas (see README "The event bus between replicas") */
    bus: busSchema,
    /** public status pages; none: one page with every component */
    pages: z.array(pageSchema).default([]),
    /** what every public page shows of errors and how it judges an outage's severity; a page's `public:` overrides */
    public: sitePublicSchema,
    /** every page's language, languages and strings unless it sets its own (see README "Languages") */
    ...languageShape,
    /** a static copy of the public pages kept current (see README "A static copy of the page") */
    publish: publishSchema.optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    reportDuplicates(
      config.monitors.map((m) => m.id),
      ['monitors'],
      ctx,
    );
    reportDuplicates(
      config.components.map((c) => c.id),
      ['components'],
      ctx,
    );
    reportDuplicates(
      config.maintenances.map((m) => m.id),
      ['maintenances'],
      ctx,
    );
    reportDuplicates(
      config.notifications.map((n) => n.id),
      ['notifications'],
      ctx,
    );
    const monitorIds = new Set(config.monitors.map((m) => m.id));
    const componentIds = new Set(config.components.map((c) => c.id));
    config.components.forEach((c, i) =>
      c.monitors.forEach((id, j) => {
        if (!monitorIds.has(id))
          ctx.addIssue({
            code: 'custom',
            path: ['components', i, 'monitors', j],
            message: `no monitor with id "${id}"`,
          });
      }),
    );
    config.maintenances.forEach((m, i) =>
      m.components.forEach((id, j) => {
        if (!componentIds.has(id))
          ctx.addIssue({
            code: 'custom',
            path: ['maintenances', i, 'components', j],
            message: `no component with id "${id}"`,
          });
      }),
    );
    config.notifications.forEach((n, i) => {
      n.components?.forEach((id, j) => {
        if (!componentIds.has(id))
          ctx.addIssue({
            code: 'custom',
            path: ['notifications', i, 'components', j],
            message: `no component with id "${id}"`,
          });
      });
      n.monitors?.forEach((id, j) => {
        if (!monitorIds.has(id))
          ctx.addIssue({
            code: 'custom',
            path: ['notifications', i, 'monitors', j],
            message: `no monitor with id "${id}"`,
          });
      });
    });
    reportDuplicates(
      config.pages.map((p) => p.slug),
      ['pages'],
      ctx,
      'slug',
    );
    const groups = new Set(config.components.map((c) => c.group).filter((g) => g !== undefined));
    const domains = new Map<string, number>();
    config.pages.forEach((p, i) => {
      p.components?.forEach((id, j) => {
        if (!componentIds.has(id))
          ctx.addIssue({
            code: 'custom',
            path: ['pages', i, 'components', j],
            message: `no component with id "${id}"`,
          });
      });
      p.groups?.forEach((g, j) => {
        if (!groups.has(g))
          ctx.addIssue({ code: 'custom', path: ['pages', i, 'groups', j], message: `no component has group "${g}"` });
      });
      p.domains.forEach((d, j) => {
        if (domains.has(d))
          ctx.addIssue({
            code: 'custom',
            path: ['pages', i, 'domains', j],
            message: `domain "${d}" already belongs to page ${domains.get(d)}`,
          });
        domains.set(d, i);
      });
    });
    if (config.pages.filter((p) => p.default).length > 1)
      ctx.addIssue({ code: 'custom', path: ['pages'], message: 'only one page can be the default' });
    const tokens = new Map<string, number>();
    config.monitors.forEach((m, i) => {
      if (m.type !== 'push') return;
      if (tokens.has(m.token))
        ctx.addIssue({
          code: 'custom',
          path: ['monitors', i, 'token'],
          message: 'push token already used by another monitor',
        });
      tokens.set(m.token, i);
    });
  });

export type PharosConfig = z.infer<typeof configSchema>;

function reportDuplicates(ids: string[], path: (string | number)[], ctx: z.RefinementCtx, key = 'id'): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [...path, i, key], message: `duplicate ${key} "${id}"` });
    seen.add(id);
  });
}
