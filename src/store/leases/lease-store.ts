/**
 * Leases between workers: which worker checks which lease unit, and which workers are alive. Implemented over Kysely
 * for SQLite and PostgreSQL (kysely-lease-store.ts), reached as `store.leases`, covered by
 * test/store/contract-leases.test.ts; src/scheduler/leases/lease-manager.ts decides what to claim and release.
 *
 * A unit is held by at most one owner at a time: a claim only takes a unit with no row or an expired one, in one
 * statement (PostgreSQL's row lock on the conflicting row makes a concurrent claimer re-check the expiry and lose).
 */
export interface LeaseStore {
  /** record that this worker is alive (first call: started now) */
  heartbeat(workerId: string, now: number): Promise<void>;
  /** workers whose heartbeat is at or after `since`, by id */
  liveWorkers(since: number): Promise<string[]>;
  /**
   * Extend every lease this owner holds to now + ttlMs; the units it holds (the authoritative set). A lease that expired
   * without anyone claiming it is still held (after a store outage every worker gets its own units back); a released
   * one is not.
   */
  renew(owner: string, now: number, ttlMs: number): Promise<string[]>;
  /**
   * Of these units, those whose lease names this owner (expired or not, unless released): what it may still write
   * results for. Asked before every commit, so it reads only the units of that batch.
   */
  held(owner: string, units: readonly string[]): Promise<string[]>;
  /** take these units where free (no lease, or expired before now) until now + ttlMs; the units taken */
  claim(owner: string, units: readonly string[], now: number, ttlMs: number): Promise<string[]>;
  /** give these units up at once (expires_at 0) so that others can claim them */
  release(owner: string, units: readonly string[]): Promise<void>;
  /** a worker leaving for good: its leases released and its heartbeat row deleted */
  leave(workerId: string): Promise<void>;
  list(): Promise<Lease[]>;
}

export interface Lease {
  unit: string;
  owner: string;
  /** ms since epoch; 0 = released */
  expiresAt: number;
  acquiredAt: number;
}
