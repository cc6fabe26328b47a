import { z } from 'zod';

/** A share of a page's components, 0 to 1; thresholds are exclusive ("more than"). */
const share = z.number().min(0).max(1);

/** How much of a page must be out for a major outage (src/domain/outage-severity.ts, README "What visitors see"). */
export const severitySchema = z
  .object({
    /** more than this share in a major outage: "Major System Outage", incidents critical (0: any one) */
    critical_share: share.default(0.5),
    /** more than this share in a partial outage or worse: "Partial System Outage", incidents major */
    major_share: share.default(0.5),
  })
  .strict();

/** What every public page shows unless it says otherwise (top-level `public:`). */
export const sitePublicSchema = z
  .object({
    /** keep checks' raw errors (and the "Last error" of incidents written before) off the public side */
    hide_errors: z.boolean().default(true),
    severity: severitySchema.prefault({}),
  })
  .strict()
  .prefault({});
export type SitePublicConfig = z.infer<typeof sitePublicSchema>;

/** A page's own `public:`: any key it leaves out comes from the top-level `public:`. */
export const pagePublicSchema = z
  .object({
    hide_errors: z.boolean().optional(),
    severity: z.object({ critical_share: share.optional(), major_share: share.optional() }).strict().optional(),
  })
  .strict();
export type PagePublicConfig = z.infer<typeof pagePublicSchema>;
