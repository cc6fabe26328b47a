import type { BatchCommittedEvent, PharosEvent } from './events.ts';

/** Room for the lists in one bus message: NOTIFY's 8,000 bytes less the envelope (ids, origin, counts). */
const LIST_BUDGET_BYTES = 6_000;

/**
 * Folds what one batch changed into one event, so that a batch costs one bus message (one NOTIFY, one Redis
 * publish) however many monitors changed in it. Ids are listed once each, in order, until the budget is spent.
 * Events of other types (none today) are returned as they are.
 */
export function foldBatchEvents(events: readonly PharosEvent[], results: number, at: number): PharosEvent[] {
  const folded: BatchCommittedEvent = {
    type: 'batch.committed',
    at,
    results,
    notifications: 0,
    monitors: [],
    components: [],
    incidents: [],
  };
  const others: PharosEvent[] = [];
  const seen = new Set<string>();
  let budget = LIST_BUDGET_BYTES;
  const fits = (key: string, id: string): boolean => {
    if (seen.has(key)) return false;
    // an id costs its JSON form and a comma (an incident's status and keys too: counted as 40 more)
    const cost = JSON.stringify(id).length + 1 + (key.startsWith('i:') ? 40 : 0);
    if (cost > budget) {
      folded.more = true;
      return false;
    }
    budget -= cost;
    seen.add(key);
    return true;
  };
  // incidents first (other replicas act on them), then components, then monitors: what is cut is the least needed
  for (const e of events) {
    if (e.type === 'notifications.queued') folded.notifications += e.count;
    else if (e.type === 'incident.changed') {
      const listed = folded.incidents.find((i) => i.id === e.incidentId);
      if (listed)
        listed.status = e.status; // changed twice in one batch: its latest status
      else if (fits(`i:${e.incidentId}`, e.incidentId)) folded.incidents.push({ id: e.incidentId, status: e.status });
    } else if (e.type !== 'monitor.status' && e.type !== 'component.status') others.push(e);
  }
  for (const e of events)
    if (e.type === 'component.status' && fits(`c:${e.componentId}`, e.componentId))
      folded.components.push(e.componentId);
  for (const e of events)
    if (e.type === 'monitor.status' && fits(`m:${e.monitorId}`, e.monitorId)) folded.monitors.push(e.monitorId);
  const empty =
    results === 0 &&
    folded.notifications === 0 &&
    folded.monitors.length + folded.components.length + folded.incidents.length === 0 &&
    !folded.more;
  return empty ? others : [...others, folded];
}

/** True when a batch changed something shown (a status or an incident), not only added results. */
export function batchChangedStatus(e: BatchCommittedEvent): boolean {
  return e.more === true || e.monitors.length + e.components.length + e.incidents.length > 0;
}
