import type { PharosConfig } from './schema.ts';

/**
 * `server.secret` signs and seals what browsers carry from one request to the next (private pages' cookies, an
 * OpenID Connect sign-in in progress). When more than one replica can serve (a web/worker split, a Redis bus,
 * PostgreSQL), every replica must hold the same one: Pharos refuses to start without it rather than let the
 * replicas fall back on keys that are not the operator's (README "Running several replicas").
 * Returns why it is required, or null when it is not (or is set).
 */
export function serverSecretMissing(config: PharosConfig, role: string): string | null {
  if (config.server.secret !== undefined) return null;
  const reasons = [
    role !== 'all' ? `--role ${role}` : null,
    config.bus.redis ? 'bus.redis' : null,
    /^postgres(ql)?:/i.test(config.storage.url) ? 'a PostgreSQL storage.url' : null,
  ].filter((r): r is string => r !== null);
  if (reasons.length === 0) return null;
  return (
    `server.secret is required when several replicas can serve (here: ${reasons.join(', ')}): set it to the same ` +
    'random value of at least 32 characters on every replica, e.g. `secret: ${PHAROS_SECRET}` with ' +
    'PHAROS_SECRET from `openssl rand -base64 48`'
  );
}
