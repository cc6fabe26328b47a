import type { AdminStore } from '../store/admin-store.ts';
import type { Actor } from './actor.ts';
import { redactSecrets } from './redact.ts';

export interface AuditTarget {
  type: string;
  id: string | null;
}

/** Append one audit entry (in the caller's transaction). Secrets are redacted before they are stored. */
export function audit(
  tx: AdminStore,
  actor: Actor,
  now: number,
  action: string,
  target: AuditTarget,
  before: unknown,
  after: unknown,
): Promise<void> {
  return tx.appendAudit({
    at: now,
    actorType: actor.type,
    actorId: actor.tokenId ?? actor.userId,
    actorLabel: actor.label,
    action,
    targetType: target.type,
    targetId: target.id,
    before: before === undefined ? null : redactSecrets(before),
    after: after === undefined ? null : redactSecrets(after),
    ip: actor.ip,
  });
}
