import type { Incident } from '../domain/incident.ts';
import type { MaintenanceWindow } from '../domain/maintenance-windows.ts';
import type { StatusChange } from '../domain/monitor-state.ts';
import { certificateEvent } from '../notify/events/certificate-events.ts';
import { incidentEvent } from '../notify/events/incident-events.ts';
import { maintenanceEvent, maintenanceTransitions } from '../notify/events/maintenance-events.ts';
import { monitorChangeEvent, reminderEvent, type EventLinks } from '../notify/events/monitor-events.ts';
import type { NotificationEvent } from '../notify/notification-event.ts';
import type { ChannelRule } from '../notify/routing/channel-rules.ts';
import { outboxRowsFor, type NotificationTargets } from '../notify/routing/outbox-rows.ts';
import type { NewOutboxRow } from '../store/outbox-store.ts';
import type { NoticeMark } from '../store/shared/shared-state-store.ts';
import type { StatusBoard } from './status-board.ts';

/** How long a notice mark outlives what it is about (the outage's last reminder, the certificate's expiry). */
const MARK_KEEP_MS = 7 * 86_400_000;

export type RoutedChannel = ChannelRule & { reminderEvery?: number };

/**
 * Turns what the pipeline sees into outbox rows for the channels and subscribers that want them. Pure decisions live in
 * src/notify/events and src/notify/routing; this holds the little state they need (targets, maintenance in progress,
 * reminders and certificate warnings already queued). What was queued per monitor is also written to the store
 * (notice marks, with the outbox rows, in one transaction) and read back by a worker that starts or takes the monitor
 * over (`rememberMarks`), so that a restart or a lease move neither restarts a reminder count nor repeats a warning.
 */
export class NotificationRouter {
  private targets: NotificationTargets & { channels: RoutedChannel[] } = { channels: [], subscribers: [] };
  private maintenanceInProgress: Set<string> | null = null;
  /** by monitor id: notice → value (`reminder:<channel>:<outage start>` → last N sent, `cert:…` → 1) */
  private readonly marks = new Map<string, Map<string, number>>();

  constructor(
    private readonly board: StatusBoard,
    private readonly links: EventLinks,
    private readonly emit: (rows: NewOutboxRow[], marks: NoticeMark[]) => void,
  ) {}

  /** false until the marks of a start are read (holdReminders): no reminder before we know which were queued */
  private marksKnown = true;

  /** A worker that starts holds reminders back until it has read from the store which ones were already queued. */
  holdReminders(): void {
    this.marksKnown = false;
  }

  /** Marks read from the store (a start, units taken over): the larger value wins over what is already here. */
  rememberMarks(stored: ReadonlyMap<string, ReadonlyMap<string, number>>): void {
    this.marksKnown = true;
    for (const [monitorId, notices] of stored)
      for (const [notice, value] of notices) this.mark(monitorId, notice, value);
  }

  private markOf(monitorId: string, notice: string): number {
    return this.marks.get(monitorId)?.get(notice) ?? 0;
  }

  private mark(monitorId: string, notice: string, value: number): void {
    const notices = this.marks.get(monitorId) ?? new Map<string, number>();
    notices.set(notice, Math.max(notices.get(notice) ?? 0, value));
    this.marks.set(monitorId, notices);
  }

  setTargets(channels: RoutedChannel[], subscribers: NotificationTargets['subscribers']): void {
    this.targets = { channels, subscribers };
  }

  monitorChanged(change: StatusChange, previousSince: number | null): void {
    const monitor = this.board.monitors.get(change.monitorId);
    if (!monitor) return;
    const event = monitorChangeEvent(
      change,
      {
        id: monitor.config.id,
        name: monitor.config.name,
        lastError: change.reason,
        previousSince,
        components: this.componentsOf(monitor.componentIds),
      },
      this.links,
    );
    // reminder marks name their outage's start: once it is over they are of no use here (the store's expire)
    if (change.to !== 'down') {
      const notices = this.marks.get(change.monitorId);
      for (const k of notices?.keys() ?? []) if (k.startsWith('reminder:')) notices?.delete(k);
    }
    if (event) this.route(event);
  }

  certificateSeen(monitorId: string, host: string, expiresAt: number, now: number): void {
    const monitor = this.board.monitors.get(monitorId);
    if (!monitor) return;
    const event = certificateEvent(
      { id: monitorId, name: monitor.config.name, host, components: this.componentsOf(monitor.componentIds) },
      expiresAt,
      now,
      this.links,
    );
    if (!event || this.markOf(monitorId, event.id) > 0) return;
    this.mark(monitorId, event.id, 1);
    this.route(event, [{ monitorId, notice: event.id, value: 1, expiresAt: expiresAt + MARK_KEEP_MS }]);
  }

  incidentChanged(before: Incident | undefined, after: Incident): void {
    const names = new Map([...this.board.components].map(([id, c]) => [id, c.config.name]));
    const event = incidentEvent(
      before,
      after,
      names,
      (id) => this.board.components.get(id)?.status ?? 'operational',
      this.links,
    );
    if (event) this.route(event);
  }

  /** Maintenance windows that started or completed since the last look (the first look only remembers). */
  maintenanceTick(windows: readonly MaintenanceWindow[], now: number): void {
    const t = maintenanceTransitions(windows, this.maintenanceInProgress ?? new Set(), now);
    const first = this.maintenanceInProgress === null;
    this.maintenanceInProgress = t.inProgress;
    if (first) return;
    const names = new Map([...this.board.components].map(([id, c]) => [id, c.config.name]));
    for (const w of t.started) this.route(maintenanceEvent('maintenance.started', w, names, now, this.links));
    for (const w of t.completed) this.route(maintenanceEvent('maintenance.completed', w, names, now, this.links));
  }

  /** Reminders for monitors still down, for channels that ask for them. */
  reminderTick(now: number): void {
    if (!this.marksKnown) return;
    for (const channel of this.targets.channels) {
      if (!channel.reminderEvery) continue;
      for (const [id, state] of this.board.states) {
        if (state.status !== 'down' || state.statusSince === null) continue;
        const n = Math.floor((now - state.statusSince) / channel.reminderEvery);
        const notice = `reminder:${channel.id}:${state.statusSince}`;
        if (n < 1 || this.markOf(id, notice) >= n) continue;
        this.mark(id, notice, n);
        const monitor = this.board.monitors.get(id);
        if (!monitor) continue;
        const event = reminderEvent(
          {
            id,
            name: monitor.config.name,
            lastError: state.lastError,
            previousSince: null,
            since: state.statusSince,
            components: this.componentsOf(monitor.componentIds),
          },
          n,
          now,
          this.links,
        );
        this.emit(outboxRowsFor(event, { channels: [channel], subscribers: [] }, now), [
          { monitorId: id, notice, value: n, expiresAt: now + channel.reminderEvery + MARK_KEEP_MS },
        ]);
      }
    }
  }

  private route(event: NotificationEvent, marks: NoticeMark[] = []): void {
    const rows = outboxRowsFor(event, this.targets, event.at);
    if (rows.length > 0 || marks.length > 0) this.emit(rows, marks);
  }

  private componentsOf(ids: readonly string[]): NotificationEvent['components'] {
    return ids.flatMap((id) => {
      const c = this.board.components.get(id);
      return c ? [{ id, name: c.config.name, status: c.status }] : [];
    });
  }
}
