import type { PagePublicConfig, SitePublicConfig } from '../../config/public-options-schema.ts';
import { DEFAULT_SEVERITY_RULE, type SeverityRule } from '../../domain/outage-severity.ts';

/** What one page shows of errors and how it judges an outage, its own `public:` over the top-level one. */
export interface PagePublicOptions {
  showErrors: boolean;
  severity: SeverityRule;
}

export function resolvePagePublicOptions(
  site: SitePublicConfig | undefined,
  page: PagePublicConfig | undefined,
): PagePublicOptions {
  return {
    showErrors: !(page?.hide_errors ?? site?.hide_errors ?? true),
    severity: {
      criticalShare:
        page?.severity?.critical_share ?? site?.severity.critical_share ?? DEFAULT_SEVERITY_RULE.criticalShare,
      majorShare: page?.severity?.major_share ?? site?.severity.major_share ?? DEFAULT_SEVERITY_RULE.majorShare,
    },
  };
}
