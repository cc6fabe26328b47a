import type { Incident } from '../domain/incident.ts';
import type { MonitorState, StatusChange } from '../domain/monitor-state.ts';
import type { PharosEvent } from '../bus/events.ts';
import type { NewOutboxRow } from '../store/outbox-store.ts';
import type { NoticeMark } from '../store/shared/shared-state-store.ts';
import type { ComponentStatusRow, RecordedResult, ResultBatch } from '../store/store.ts';

/** What a worker still holds by lease: the monitors and components it may write for. */
export interface HeldContents {
  monitorIds: ReadonlySet<string>;
  componentIds: ReadonlySet<string>;
}

/** A pending batch as those who only read it see it (the batch writer's `staged`). */
export interface StagedBatch {
  readonly results: readonly RecordedResult[];
  readonly states: ReadonlyMap<string, MonitorState>;
  readonly statusChanges: readonly StatusChange[];
  readonly incidents: ReadonlyMap<string, Incident>;
  readonly componentStatuses: ReadonlyMap<string, ComponentStatusRow>;
  readonly events: readonly PharosEvent[];
  readonly notifications: readonly NewOutboxRow[];
  readonly noticeMarks: readonly NoticeMark[];
  readonly isEmpty: boolean;
}

/** What has changed since the last flush. States, incidents and component statuses keep only their latest version. */
export class PendingBatch {
  results: RecordedResult[] = [];
  readonly states = new Map<string, MonitorState>();
  statusChanges: StatusChange[] = [];
  readonly incidents = new Map<string, Incident>();
  readonly componentStatuses = new Map<string, ComponentStatusRow>();
  events: PharosEvent[] = [];
  /** outbox rows: committed with the changes that caused them */
  notifications: NewOutboxRow[] = [];
  /** what those rows stand for per monitor (reminder counts, certificate warnings): committed with them */
  noticeMarks: NoticeMark[] = [];

  get isEmpty(): boolean {
    return (
      this.results.length === 0 &&
      this.states.size === 0 &&
      this.statusChanges.length === 0 &&
      this.incidents.size === 0 &&
      this.componentStatuses.size === 0 &&
      this.notifications.length === 0 &&
      this.noticeMarks.length === 0
    );
  }

  toResultBatch(): ResultBatch {
    return {
      results: this.results,
      states: [...this.states.values()],
      statusChanges: this.statusChanges,
      incidents: [...this.incidents.values()],
      componentStatuses: [...this.componentStatuses.values()],
      notifications: this.notifications,
      noticeMarks: this.noticeMarks,
    };
  }

  /**
   * Drop what was decided for monitors and components this worker no longer holds (another worker took them over while
   * this one could not reach the store): their results (but those of checks started before the takeover, given by
   * `takenOverAt`), states, status changes, automatic incidents, component statuses, notifications and events: the
   * new owner decides those from its own checks. Returns how many results were dropped.
   */
  retainHeld(held: HeldContents, takenOverAt?: (monitorId: string) => number | undefined): number {
    const monitorHeld = (id: string) => held.monitorIds.has(id);
    const before = this.results.length;
    // a check that started before another worker took the monitor over was this worker's alone: its result stays
    this.results = this.results.filter(
      (r) => monitorHeld(r.monitorId) || r.startedAt < (takenOverAt?.(r.monitorId) ?? -Infinity),
    );
    this.statusChanges = this.statusChanges.filter((c) => monitorHeld(c.monitorId));
    for (const id of [...this.states.keys()]) if (!monitorHeld(id)) this.states.delete(id);
    for (const id of [...this.componentStatuses.keys()])
      if (!held.componentIds.has(id)) this.componentStatuses.delete(id);
    const lostIncidents = new Set<string>();
    for (const [id, incident] of this.incidents) {
      if (incident.source === 'auto' && !incident.componentIds.some((c) => held.componentIds.has(c)))
        lostIncidents.add(id);
    }
    for (const id of lostIncidents) this.incidents.delete(id);
    this.notifications = this.notifications.filter(({ event }) =>
      event.monitor ? monitorHeld(event.monitor.id) : !(event.incident && lostIncidents.has(event.incident.id)),
    );
    this.noticeMarks = this.noticeMarks.filter((m) => monitorHeld(m.monitorId));
    this.events = this.events.filter((e) => {
      if (e.type === 'monitor.status') return monitorHeld(e.monitorId);
      if (e.type === 'component.status') return held.componentIds.has(e.componentId);
      if (e.type === 'incident.changed') return !lostIncidents.has(e.incidentId);
      return true;
    });
    return before - this.results.length;
  }

  /** Put a batch that failed to commit back in front of what came since, keeping the newest version of each row. */
  absorbOlder(older: PendingBatch): void {
    this.results = older.results.concat(this.results);
    this.statusChanges = older.statusChanges.concat(this.statusChanges);
    this.events = older.events.concat(this.events);
    this.notifications = older.notifications.concat(this.notifications);
    this.noticeMarks = older.noticeMarks.concat(this.noticeMarks);
    for (const [k, v] of older.states) if (!this.states.has(k)) this.states.set(k, v);
    for (const [k, v] of older.incidents) if (!this.incidents.has(k)) this.incidents.set(k, v);
    for (const [k, v] of older.componentStatuses) if (!this.componentStatuses.has(k)) this.componentStatuses.set(k, v);
  }
}
