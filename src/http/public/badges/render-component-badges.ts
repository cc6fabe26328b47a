import type { ComponentStatus } from '../../../domain/statuses.ts';
import { pageTranslator } from '../../../i18n/page-translator.ts';
import { safeCssColor } from '../../../web/html/safe-url.ts';
import {
  LATENCY_PERIODS,
  type LatencyPeriod,
  type ModelComponent,
  type PageColors,
  type StatusModel,
  type UptimePeriod,
} from '../status-model.ts';
import { BADGE_COLORS, responseTimeColor, uptimeColor } from './badge-colors.ts';
import { renderBadge } from './render-badge.ts';

export interface BadgeOptions {
  /** replaces the default label; '' leaves the value alone */
  label?: string;
}

const STATUS_COLOR_KEYS = {
  operational: 'operational',
  degraded_performance: 'degraded',
  partial_outage: 'partial',
  major_outage: 'major',
  under_maintenance: 'maintenance',
} as const satisfies Record<ComponentStatus, keyof PageColors>;

/**
 * The component's current status, in the page's own colours ("no data yet", grey, while none of its monitors has
 * reported). Undefined for a component not on the page.
 */
export function renderStatusBadge(
  model: StatusModel,
  componentId: string,
  options: BadgeOptions = {},
): string | undefined {
  const component = findComponent(model, componentId);
  if (!component) return undefined;
  const t = pageTranslator(model.page);
  if (component.noData)
    return renderBadge({
      label: options.label ?? component.name,
      value: t.t('badge.noDataYet'),
      color: BADGE_COLORS.grey,
    });
  const color = safeCssColor(model.page.colors[STATUS_COLOR_KEYS[component.status]], BADGE_COLORS.grey);
  return renderBadge({ label: options.label ?? component.name, value: t.t(`badge.${component.status}`), color });
}

/** Uptime over the period, like "99.95%", coloured by shields' thresholds; "no data" when nothing was measured. */
export function renderUptimeBadge(
  model: StatusModel,
  componentId: string,
  period: UptimePeriod,
  options: BadgeOptions = {},
): string | undefined {
  if (!findComponent(model, componentId)) return undefined;
  const uptime = model.history.get(componentId)?.uptime[period] ?? null;
  const t = pageTranslator(model.page);
  const label = options.label ?? t.t('badge.uptime', { period });
  if (uptime === null) return renderBadge({ label, value: t.t('badge.noData'), color: BADGE_COLORS.grey });
  const value = t.t('uptime.percent', { value: t.formats.uptimeNumber(uptime) });
  return renderBadge({ label, value, color: uptimeColor(shownPercent(uptime)) });
}

/**
 * The mean of the period's latency points, like "123 ms"; "no data" when none was measured, and for 90d, which
 * the model keeps no latency series for.
 */
export function renderResponseTimeBadge(
  model: StatusModel,
  componentId: string,
  period: LatencyPeriod | UptimePeriod,
  options: BadgeOptions = {},
): string | undefined {
  if (!findComponent(model, componentId)) return undefined;
  const series = model.history.get(componentId)?.latency;
  const points = series && isLatencyPeriod(period) ? series[period] : [];
  const values = points.flatMap((p) => (p.avgMs === null ? [] : [p.avgMs]));
  const t = pageTranslator(model.page);
  const label = options.label ?? t.t('badge.responseTime', { period });
  if (values.length === 0) return renderBadge({ label, value: t.t('badge.noData'), color: BADGE_COLORS.grey });
  const ms = Math.round(values.reduce((sum, v) => sum + v, 0) / values.length);
  return renderBadge({ label, value: t.formats.milliseconds(ms), color: responseTimeColor(ms) });
}

function isLatencyPeriod(period: string): period is LatencyPeriod {
  return (LATENCY_PERIODS as readonly string[]).includes(period);
}

function findComponent(model: StatusModel, componentId: string): ModelComponent | undefined {
  return model.components.find((c) => c.id === componentId);
}

/**
 * A fraction as a percentage with at most two decimals, rounded down so that 99.999% never shows as 100%
 * (the epsilon absorbs float noise such as 0.9991 × 10000 = 9990.9999…).
 */
export function shownPercent(fraction: number): number {
  return Math.floor(fraction * 10_000 + 1e-6) / 100;
}
