import { computeComponentSla, type ComponentSla, type ComponentSlaInput } from './component-sla.ts';
import { roundDownPercent } from './uptime-percent.ts';
import { totalMs, unionIntervals, type TimeInterval } from './time-intervals.ts';

/** A page's month across its components. */
export interface PageSlaAggregate {
  componentCount: number;
  /** mean of the components' uptime figures as shown (those with one), rounded down to 3 decimals; null when none has one */
  uptimePercent: number | null;
  /** time at least one component was down (the union, so simultaneous outages count once) */
  downtimeMs: number;
  downtime: TimeInterval[];
  /** distinct incidents across the components */
  incidentCount: number;
}

export interface PageSla {
  components: ComponentSla[];
  aggregate: PageSlaAggregate;
}

export function aggregatePageSla(components: readonly ComponentSla[]): PageSlaAggregate {
  const figures = components.map((c) => c.uptimePercent).filter((u): u is number => u !== null);
  const downtime = unionIntervals(components.flatMap((c) => c.downtime));
  return {
    componentCount: components.length,
    uptimePercent: figures.length === 0 ? null : roundDownPercent(figures.reduce((a, b) => a + b, 0) / figures.length),
    downtimeMs: totalMs(downtime),
    downtime,
    incidentCount: new Set(components.flatMap((c) => c.incidents.map((i) => i.id))).size,
  };
}

/** Each component's figures, in the given order, and the page aggregate. */
export function computePageSla(inputs: readonly ComponentSlaInput[]): PageSla {
  const components = inputs.map(computeComponentSla);
  return { components, aggregate: aggregatePageSla(components) };
}
