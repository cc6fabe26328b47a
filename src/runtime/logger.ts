import { pino } from 'pino';

/** The one structured logger; components add `{ component: '…' }` to each line. */
export type Logger = pino.Logger;

/**
 * Never written to the logs, wherever they appear in a logged object: credentials in request headers, and fields that
 * hold secrets (passwords, tokens, TOTP secrets, webhook secrets, connection strings with passwords).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-pharos-metrics-token"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.secret',
  '*.totpSecret',
  '*.authToken',
  'password',
  'token',
  'secret',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: 'pharos' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}
