import type { ApiTokenRecord, AuditEntry, SessionRecord, UserRecord } from '../../src/store/admin-store.ts';
import { T0 } from './fixtures.ts';

export function user(id: string, overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    id,
    email: `${id}@example.com`,
    name: `User ${id}`,
    role: 'editor',
    passwordHash: null,
    totpSecret: null,
    totpEnabled: false,
    recoveryCodeHashes: [],
    oidcIssuer: null,
    oidcSubject: null,
    createdAt: T0,
    updatedAt: T0,
    passwordChangedAt: null,
    lastLoginAt: null,
    totpLastStep: null,
    credentialVersion: 0,
    ...overrides,
  };
}

export function session(idHash: string, userId: string, overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    idHash,
    userId,
    csrfToken: `csrf-${idHash}`,
    mfaPending: false,
    createdAt: T0,
    lastSeenAt: T0,
    expiresAt: T0 + 3_600_000,
    ip: null,
    userAgent: null,
    credentialVersion: 0,
    ...overrides,
  };
}

export function apiToken(id: string, userId: string, overrides: Partial<ApiTokenRecord> = {}): ApiTokenRecord {
  return {
    id,
    userId,
    name: `token ${id}`,
    tokenHash: `hash-${id}`,
    prefix: `ph_${id.slice(0, 4)}`,
    scopes: ['read'],
    createdAt: T0,
    expiresAt: null,
    lastUsedAt: null,
    ...overrides,
  };
}

export function auditEntry(overrides: Partial<Omit<AuditEntry, 'id'>> = {}): Omit<AuditEntry, 'id'> {
  return {
    at: T0,
    actorType: 'user',
    actorId: 'u1',
    actorLabel: 'u1@example.com',
    action: 'monitor.create',
    targetType: 'monitor',
    targetId: 'api',
    before: null,
    after: { id: 'api' },
    ip: '127.0.0.1',
    ...overrides,
  };
}
