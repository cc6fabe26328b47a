import { z } from 'zod';
import { CHECK_KINDS, checkTypes, type CheckKind, type CheckTypes } from '../checks/registry.ts';
import { ConditionSyntaxError, parseCondition } from '../domain/conditions/index.ts';
import { refuseUnfilledPlaceholders } from './condition-placeholders.ts';
import { durationMs } from './duration-schema.ts';
import { idSchema } from './id-schema.ts';
import { monitorPublicSchema } from './page-schema.ts';

/** A condition string, parsed at load so that a typo is a config error with its key path. */
export const conditionSchema = z.string().superRefine((source, ctx) => {
  try {
    parseCondition(source);
  } catch (err) {
    if (!(err instanceof ConditionSyntaxError)) throw err;
    ctx.addIssue({ code: 'custom', message: `invalid condition "${source}": ${err.message}` });
  }
});

/** Fields every monitor has, whatever its type. */
export const monitorCommonFields = {
  id: idSchema,
  name: z.string().min(1).max(200).optional(),
  description: z.string().max(2000).optional(),
  interval: durationMs({ min: 1000 }).default(60_000),
  timeout: durationMs({ min: 10 }).default(10_000),
  /** All must hold for a check to pass. Default: the check type's own. */
  conditions: z.array(conditionSchema).optional(),
  /** When this holds on a passing check, the monitor is degraded. */
  degraded_when: conditionSchema.optional(),
  failure_threshold: z.number().int().min(1).max(100).default(2),
  success_threshold: z.number().int().min(1).max(100).default(1),
  enabled: z.boolean().default(true),
  /** what the public side hides: the checked URL/host, the error text */
  public: monitorPublicSchema,
};

/** What `fields.extend(monitorCommonFields).strict()` makes of a check type's fields. */
type Variant<Fields> =
  Fields extends z.ZodObject<infer Shape>
    ? z.ZodObject<z.util.Extend<Shape, z.util.Writeable<typeof monitorCommonFields>>, z.core.$strict>
    : never;
type MonitorVariant = { [K in CheckKind]: Variant<CheckTypes[K]['fields']> }[CheckKind];
/** One strict variant per registered check type, in registry order (the element type is what the map makes per kind). */
const variants = CHECK_KINDS.map((kind) => checkTypes[kind].fields.extend(monitorCommonFields).strict()) as [
  MonitorVariant,
  ...MonitorVariant[],
];

export const monitorSchema = z
  .discriminatedUnion('type', variants)
  .superRefine(refuseUnfilledPlaceholders)
  .transform((m) => ({
    ...m,
    name: m.name ?? m.id,
    conditions: m.conditions ?? [...checkTypes[m.type].defaultConditions],
  }));
export type MonitorConfig = z.infer<typeof monitorSchema>;
export type MonitorInput = z.input<typeof monitorSchema>;
