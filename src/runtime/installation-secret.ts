import { randomBytes } from 'node:crypto';
import type { PharosConfig } from '../config/schema.ts';
import type { Store } from '../store/store.ts';

/**
 * The key that seals what browsers carry between replicas (an OpenID Connect sign-in in progress): `server.secret`,
 * or else a random one made once and kept in the store's settings under `setting`, the same for every replica and
 * across restarts.
 */
export async function installationSecret(config: PharosConfig, store: Store, setting: string): Promise<string> {
  return config.server.secret ?? store.outbox.setting(setting, () => randomBytes(32).toString('base64url'));
}
