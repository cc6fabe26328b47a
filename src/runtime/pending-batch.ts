import type { Incident } from '../domain/incident.ts';
import type { MonitorState, StatusChange } from '../domain/monitor-state.ts';
import type { PharosEvent } from '../bus/events.ts';
import type { NewOutboxRow } from '../store/outbox-store.ts';
import type { ComponentStatusRow, RecordedResult, ResultBatch } from '../store/store.ts';

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

  get isEmpty(): boolean {
    return (
      this.results.length === 0 &&
      this.states.size === 0 &&
      this.statusChanges.length === 0 &&
      this.incidents.size === 0 &&
      this.componentStatuses.size === 0 &&
      this.notifications.length === 0
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
    };
  }

  /** Put a batch that failed to commit back in front of what came since, keeping the newest version of each row. */
  absorbOlder(older: PendingBatch): void {
    this.results = older.results.concat(this.results);
    this.statusChanges = older.statusChanges.concat(this.statusChanges);
    this.events = older.events.concat(this.events);
    this.notifications = older.notifications.concat(this.notifications);
    for (const [k, v] of older.states) if (!this.states.has(k)) this.states.set(k, v);
    for (const [k, v] of older.incidents) if (!this.incidents.has(k)) this.incidents.set(k, v);
    for (const [k, v] of older.componentStatuses) if (!this.componentStatuses.has(k)) this.componentStatuses.set(k, v);
  }
}
