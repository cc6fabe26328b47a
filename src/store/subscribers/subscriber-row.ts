import type { Selectable } from 'kysely';
import type { SubscribersTable } from '../schema.ts';
import type { SubscriberRecord } from '../admin-store.ts';

/** A subscribers row as the record the rest of Pharos reads. */
export function toSubscriber(r: Selectable<SubscribersTable>): SubscriberRecord {
  return {
    id: r.id,
    kind: r.kind,
    target: r.target,
    componentIds: JSON.parse(r.component_ids) as string[],
    confirmedAt: r.confirmed_at,
    createdAt: r.created_at,
    pageSlug: r.page_slug,
    pageAccess: r.page_access,
  };
}
