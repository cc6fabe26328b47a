import type { Incident } from '../domain/incident.ts';
import type { StatusChange } from '../domain/monitor-state.ts';
import type { Store } from '../store/store.ts';

const DAY = 86_400_000;
/** how far back to look for the last status change before a period, widening step by step */
const LOOKBACK_STEPS_MS = [31 * DAY, 365 * DAY] as const;
const INCIDENT_PAGE = 200;
/** resolved incidents opened longer than this before the period are not looked for (open ones always are) */
export const INCIDENT_LOOKBACK_MS = 90 * DAY;

/**
 * Status changes of these monitors in [from, to), plus each monitor's last change before `from`, oldest first.
 * The one before is looked for in widening windows (a month, a year, then back to the monitor's creation), so a
 * monitor that changes often costs one small query. Monitors the store does not know have no changes.
 */
export async function loadStatusChangesWithPrevious(
  store: Store,
  monitorIds: readonly string[],
  from: number,
  to: number,
): Promise<StatusChange[]> {
  const createdAt = new Map((await store.listMonitors({ includeArchived: true })).map((m) => [m.id, m.createdAt]));
  const perMonitor = await Promise.all(
    [...new Set(monitorIds)].map(async (id) => {
      const born = createdAt.get(id);
      if (born === undefined) return [];
      const [previous, inPeriod] = await Promise.all([
        lastChangeBefore(store, id, from, born),
        store.listStatusChanges(id, { from, to }),
      ]);
      return previous ? [previous, ...inPeriod] : inPeriod;
    }),
  );
  return perMonitor.flat().sort((a, b) => a.at - b.at);
}

async function lastChangeBefore(
  store: Store,
  monitorId: string,
  before: number,
  createdAt: number,
): Promise<StatusChange | undefined> {
  const floor = Math.min(createdAt, before);
  let to = before;
  for (const step of [...LOOKBACK_STEPS_MS, Infinity]) {
    if (to <= floor) return undefined;
    const from = Math.max(floor, before - step);
    const changes = await store.listStatusChanges(monitorId, { from, to });
    if (changes.length > 0) return changes.at(-1);
    to = from;
  }
  return undefined;
}

/**
 * Incidents that may have been open during [from, to): every open one, and those created before `to` back to
 * INCIDENT_LOOKBACK_MS before `from` (newest first, page by page). Which of them touch which component is the domain's business.
 */
export async function loadIncidentsAround(store: Store, from: number, to: number): Promise<Incident[]> {
  const byId = new Map<string, Incident>();
  for (const i of await store.loadOpenIncidents()) byId.set(i.id, i);
  const paged = new Set<string>();
  let before = to;
  for (;;) {
    const page = await store.listIncidents({ limit: INCIDENT_PAGE, before });
    let fresh = 0;
    for (const i of page) {
      if (paged.has(i.id)) continue;
      paged.add(i.id);
      byId.set(i.id, i);
      fresh++;
    }
    const oldest = page.at(-1);
    // `before` is exclusive: restart at the oldest instant so ties across pages are not lost; no new id means done
    if (!oldest || page.length < INCIDENT_PAGE || fresh === 0 || oldest.createdAt < from - INCIDENT_LOOKBACK_MS) break;
    before = oldest.createdAt + 1;
  }
  return [...byId.values()];
}
