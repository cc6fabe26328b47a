import type { MaintenanceConfig } from '../config/schema.ts';
import type { PageConfig } from '../config/page-schema.ts';
import { maintenanceWindowsAround } from '../domain/maintenance/maintenance-schedule.ts';
import { buildSlaReport } from '../reports/sla-report.ts';
import type { SlaReport } from '../reports/sla-report-schema.ts';
import { requirePermission } from './actor.ts';
import { AdminError, notFound } from './admin-error.ts';
import type { ServiceContext } from './service-context.ts';

export interface SlaReportInput {
  /** YYYY-MM */
  month: string;
  /** IANA name or UTC: the month's edges are midnight there */
  timeZone: string;
  /** only the components this page shows */
  page?: string;
  /** only this component */
  component?: string;
}

/**
 * A month's SLA report for every component, a page's or one. Maintenance windows (recurring ones expanded over the
 * month) are excluded from the downtime. A bad month or time zone is a MonthPeriodError (400 at the edge).
 */
export async function slaReport(ctx: ServiceContext, input: SlaReportInput): Promise<SlaReport> {
  requirePermission(ctx.actor, 'read');
  const [components, maintenances, pages] = await Promise.all([
    ctx.store.listComponents(),
    ctx.store.admin.listCatalog('maintenance'),
    ctx.store.admin.listCatalog('page'),
  ]);
  let chosen = components;
  if (input.component) {
    chosen = components.filter((c) => c.id === input.component);
    if (chosen.length === 0) throw notFound('component', input.component);
  } else if (input.page) {
    const page = pages.find((p) => p.id === input.page)?.config as PageConfig | undefined;
    if (!page) throw new AdminError('not_found', `no page with slug "${input.page}"`);
    const groups = new Set(page.groups ?? []);
    const listed = new Set(page.components ?? []);
    if (page.components || page.groups)
      chosen = components.filter(
        (c) => listed.has(c.id) || (c.config.group !== undefined && groups.has(c.config.group)),
      );
  }
  const now = ctx.now();
  return buildSlaReport(ctx.store, {
    month: input.month,
    timeZone: input.timeZone,
    components: chosen.map((c) => ({
      id: c.id,
      name: c.config.name,
      monitorIds: c.config.monitors,
      createdAt: c.createdAt,
    })),
    maintenances: maintenanceWindowsAround(
      maintenances.map((m) => m.config as MaintenanceConfig),
      now,
      { pastMs: now - Date.parse(`${input.month}-01T00:00:00Z`) + 40 * 86_400_000, aheadMs: 0 },
    ),
    now,
  });
}
