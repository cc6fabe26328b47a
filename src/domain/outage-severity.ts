import type { ComponentStatus, IncidentImpact } from './statuses.ts';

/**
 * How much of a page must be out for it to be a major outage, per page (`public.severity` in the config).
 * Shares are of the page's components whose status is known; each threshold is exclusive ("more than").
 */
export interface SeverityRule {
  /** more than this share in a major outage: "Major System Outage", impact critical (0: any one) */
  criticalShare: number;
  /** more than this share in a partial outage or worse: at least "Partial System Outage", impact major */
  majorShare: number;
}

/** Statuspage's own behaviour: one component of several down is a partial system outage; most of them, a major one. */
export const DEFAULT_SEVERITY_RULE: SeverityRule = { criticalShare: 0.5, majorShare: 0.5 };

export interface Severity {
  impact: IncidentImpact;
  /** the words Statuspage uses for it on a page's banner and in status.json */
  description: string;
}

export const SEVERITY_DESCRIPTIONS = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
} as const satisfies Record<IncidentImpact, string>;

/**
 * The severity of `affected` statuses among `total` components:
 *
 * | affected                                                   | impact   | description                |
 * | more than criticalShare of total in a major outage          | critical | Major System Outage        |
 * | any major outage, or more than majorShare partially out     | major    | Partial System Outage      |
 * | some partial outage                                         | minor    | Minor Service Outage       |
 * | every component degraded                                    | minor    | Degraded System Service    |
 * | some degraded                                               | minor    | Partially Degraded Service |
 * | nothing worse than operational or maintenance               | none     | All Systems Operational    |
 *
 * For a page, `affected` is every component and `total` their number; for an automatic incident, its components
 * against the page's total, so that one component of five down is a major incident, not a critical one.
 */
export function outageSeverity(
  affected: readonly ComponentStatus[],
  total: number,
  rule: SeverityRule = DEFAULT_SEVERITY_RULE,
): Severity {
  const count = (s: ComponentStatus) => affected.filter((a) => a === s).length;
  const [major, partial, degraded] = [count('major_outage'), count('partial_outage'), count('degraded_performance')];
  const of = Math.max(total, affected.length, 1);
  if (major > 0 && major / of > rule.criticalShare) return severity('critical');
  if (major > 0 || (partial > 0 && (major + partial) / of > rule.majorShare)) return severity('major');
  if (partial > 0) return severity('minor');
  if (degraded > 0)
    return { impact: 'minor', description: degraded >= of ? 'Degraded System Service' : 'Partially Degraded Service' };
  return severity('none');
}

function severity(impact: IncidentImpact): Severity {
  return { impact, description: SEVERITY_DESCRIPTIONS[impact] };
}
