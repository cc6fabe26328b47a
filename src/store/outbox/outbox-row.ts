import type { Insertable, Selectable } from 'kysely';
import type { NotificationEvent } from '../../notify/notification-event.ts';
import type { NewOutboxRow, OutboxRow } from '../outbox-store.ts';
import type { OutboxTable } from '../schema.ts';

/** A new row as inserted: pending, never attempted, not leased. */
export function toOutboxInsert(row: NewOutboxRow): Insertable<OutboxTable> {
  return {
    id: row.id,
    event_id: row.eventId,
    event_type: row.eventType,
    target_kind: row.targetKind,
    target_id: row.targetId,
    event: JSON.stringify(row.event),
    state: 'pending',
    attempts: 0,
    next_attempt_at: row.nextAttemptAt,
    created_at: row.createdAt,
    updated_at: row.createdAt,
  };
}

export function toOutboxRow(r: Selectable<OutboxTable>): OutboxRow {
  return {
    id: r.id,
    eventId: r.event_id,
    eventType: r.event_type,
    targetKind: r.target_kind,
    targetId: r.target_id,
    event: JSON.parse(r.event) as NotificationEvent,
    createdAt: r.created_at,
    nextAttemptAt: r.next_attempt_at,
    state: r.state,
    attempts: r.attempts,
    claimedBy: r.claimed_by,
    claimedUntil: r.claimed_until,
    sentAt: r.sent_at,
    lastError: r.last_error,
    lastStatus: r.last_status,
    lastBody: r.last_body,
    updatedAt: r.updated_at,
  };
}

/** Oldest due first, as claimDue hands rows out (RETURNING keeps no order of its own). */
export function byDueOrder(a: OutboxRow, b: OutboxRow): number {
  return a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
