import type { LeaseUnits } from './lease-units.ts';

/**
 * The part of a catalog a worker checks: the monitors and components of the units it owns (everything else in the
 * catalog, e.g. maintenances, channels, pages, is kept whole).
 */
export function leasedCatalog<C extends { monitors: readonly { id: string }[]; components: readonly { id: string }[] }>(
  catalog: C,
  units: LeaseUnits,
  owned: ReadonlySet<string>,
): C {
  const { monitorIds, componentIds } = contentsOf(units, owned);
  return {
    ...catalog,
    monitors: catalog.monitors.filter((m) => monitorIds.has(m.id)),
    components: catalog.components.filter((c) => componentIds.has(c.id)),
  };
}

/** The monitors and components held by these units. */
export function contentsOf(
  units: LeaseUnits,
  ids: Iterable<string>,
): { monitorIds: Set<string>; componentIds: Set<string> } {
  const monitorIds = new Set<string>();
  const componentIds = new Set<string>();
  for (const unit of ids) {
    for (const m of units.monitorsOf.get(unit) ?? []) monitorIds.add(m);
    for (const c of units.componentsOf.get(unit) ?? []) componentIds.add(c);
  }
  return { monitorIds, componentIds };
}
