/**
 * What workers lease: a component with all its monitors (so that one worker sees every monitor of a component and
 * alone decides its status and automatic incidents), or a monitor in no component on its own. A monitor listed by
 * several components goes with the first of them (catalog order).
 */
export interface LeaseUnits {
  /** unit ids in catalog order: `c:<component id>` or `m:<monitor id>` */
  units: string[];
  /** the monitors each unit holds */
  monitorsOf: Map<string, string[]>;
  /** the components each unit holds (none for a lone monitor) */
  componentsOf: Map<string, string[]>;
}

export function leaseUnitsOf(catalog: {
  monitors: readonly { id: string }[];
  components: readonly { id: string; config: { monitors: readonly string[] } }[];
}): LeaseUnits {
  const monitorsOf = new Map<string, string[]>();
  const componentsOf = new Map<string, string[]>();
  const known = new Set(catalog.monitors.map((m) => m.id));
  const placed = new Set<string>();
  for (const c of catalog.components) {
    const unit = `c:${c.id}`;
    const monitors = c.config.monitors.filter((m) => known.has(m) && !placed.has(m));
    for (const m of monitors) placed.add(m);
    monitorsOf.set(unit, monitors);
    componentsOf.set(unit, [c.id]);
  }
  for (const m of catalog.monitors) {
    if (placed.has(m.id)) continue;
    monitorsOf.set(`m:${m.id}`, [m.id]);
    componentsOf.set(`m:${m.id}`, []);
  }
  return { units: [...monitorsOf.keys()], monitorsOf, componentsOf };
}

/**
 * The lease units of the catalog as last applied. Written only by the worker's catalog coordinator when it applies a
 * catalog; read by the batch writer's lease fence, which is made before the coordinator.
 */
export class AppliedLeaseUnits {
  #units: LeaseUnits = { units: [], monitorsOf: new Map(), componentsOf: new Map() };

  get current(): LeaseUnits {
    return this.#units;
  }

  apply(catalog: Parameters<typeof leaseUnitsOf>[0]): void {
    this.#units = leaseUnitsOf(catalog);
  }
}
