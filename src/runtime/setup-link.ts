import { newSecret } from '../auth/secret-token.ts';
import type { Store } from '../store/store.ts';
import type { Logger } from './logger.ts';

const SETUP_LINK_TTL_MS = 24 * 3_600_000;

/**
 * With no user yet, log a one-time link that creates the first owner (the alternative to `pharos user add`).
 * There is never a default password: until someone uses the link or the CLI, nobody can sign in.
 */
export async function offerSetupLink(
  store: Store,
  logger: Logger,
  baseUrl: string,
  now: number,
): Promise<string | null> {
  if ((await store.admin.countUsers()) > 0) return null;
  const { secret, hash } = newSecret('phsu_');
  await store.admin.createSetupToken(hash, now + SETUP_LINK_TTL_MS);
  const url = `${baseUrl.replace(/\/$/, '')}/admin/setup?token=${secret}`;
  logger.warn(
    { component: 'admin', setupUrl: url, expiresAt: new Date(now + SETUP_LINK_TTL_MS).toISOString() },
    'no user yet: open this one-time link to create the first owner (or run `pharos user add --role owner`)',
  );
  return url;
}
