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
import type { StatusBoard } from './status-board.ts';

export type RoutedChannel = ChannelRule & { reminderEvery?: number };

/**
 * Turns what the pipeline sees into outbox rows for the channels and subscribers that want them. Pure decisions live in
 * src/notify/events and src/notify/routing; this holds the little state they need (targets, maintenance in progress,
 * reminders and certificate warnings already queued).
 */
export class NotificationRouter {
  private targets: NotificationTargets & { channels: RoutedChannel[] } = { channels: [], subscribers: [] };
  private maintenanceInProgress: Set<string> | null = null;
  private readonly remindersSent = new Map<string, number>();
  private readonly certificatesSeen = new Set<string>();

  constructor(
    private readonly board: StatusBoard,
    private readonly links: EventLinks,
    private readonly emit: (rows: NewOutboxRow[]) => void,
  ) {}

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
    if (change.to !== 'down')
      for (const k of this.remindersSent.keys()) if (k.startsWith(`${change.monitorId}|`)) this.remindersSent.delete(k);
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
    if (!event || this.certificatesSeen.has(event.id)) return;
    this.certificatesSeen.add(event.id);
    this.route(event);
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
    for (const channel of this.targets.channels) {
      if (!channel.reminderEvery) continue;
      for (const [id, state] of this.board.states) {
        if (state.status !== 'down' || state.statusSince === null) continue;
        const n = Math.floor((now - state.statusSince) / channel.reminderEvery);
        const key = `${id}|${channel.id}`;
        if (n < 1 || (this.remindersSent.get(key) ?? 0) >= n) continue;
        this.remindersSent.set(key, n);
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
        this.emit(outboxRowsFor(event, { channels: [channel], subscribers: [] }, now));
      }
    }
  }

  private route(event: NotificationEvent): void {
    const rows = outboxRowsFor(event, this.targets, event.at);
    if (rows.length > 0) this.emit(rows);
  }

  private componentsOf(ids: readonly string[]): NotificationEvent['components'] {
    return ids.flatMap((id) => {
      const c = this.board.components.get(id);
      return c ? [{ id, name: c.config.name, status: c.status }] : [];
    });
  }
}
