import { z } from 'zod';
import { idSchema } from './id-schema.ts';
import { languageShape } from './language-schema.ts';
import { pageAccessSchema } from './page-access-schema.ts';
import { pagePublicSchema } from './public-options-schema.ts';

/** Paths the public side uses itself; a page cannot take them as its slug. */
export const RESERVED_SLUGS = [
  'api',
  'history',
  'history.rss',
  'history.atom',
  'incidents',
  'maintenance',
  'badge',
  'assets',
  'widget',
  'widget.js',
  'healthz',
  'readyz',
  'metrics',
  'admin',
] as const;

const color = z.string().regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/, 'a hex colour like #0969da');
const hostname = z
  .string()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/,
    'a lower-case host name like status.example.com',
  );

export const pageColorsSchema = z
  .object({
    brand: color.default('#0969da'),
    operational: color.default('#1a7f37'),
    degraded: color.default('#9a6700'),
    partial: color.default('#bc4c00'),
    major: color.default('#cf222e'),
    maintenance: color.default('#0969da'),
  })
  .strict()
  .prefault({});

export const pageSchema = z
  .object({
    slug: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and -')
      .refine((s) => !(RESERVED_SLUGS as readonly string[]).includes(s), {
        message: `reserved; not one of ${RESERVED_SLUGS.join(', ')}`,
      }),
    title: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    /** the page shown at / (default: the first page) */
    default: z.boolean().default(false),
    /** components to show, in this order; with `groups`, those groups' components are added; neither: all */
    components: z.array(idSchema).optional(),
    groups: z.array(z.string().min(1)).optional(),
    logo: z.string().max(2000).optional(),
    favicon: z.string().max(2000).optional(),
    colors: pageColorsSchema,
    /** the operator's own CSS, appended after Pharos's */
    custom_css: z.string().max(100_000).optional(),
    footer: z
      .array(z.object({ label: z.string().min(1).max(100), url: z.url() }).strict())
      .max(20)
      .default([]),
    /** requests whose Host header is one of these get this page at / */
    domains: z.array(hostname).default([]),
    /** a private page: who may see it (see README "Private pages") */
    access: pageAccessSchema.optional(),
    /** errors shown or not, how much must be out for a major outage; default: the top-level `public:` */
    public: pagePublicSchema.optional(),
    /** language, languages, strings: see README "Languages"; absent, the top level's */
    ...languageShape,
  })
  .strict();
export type PageConfig = z.infer<typeof pageSchema>;

/** What the public side hides of a monitor. */
export const monitorPublicSchema = z
  .object({
    hide_url: z.boolean().default(false),
    hide_errors: z.boolean().default(false),
  })
  .strict()
  .prefault({});
