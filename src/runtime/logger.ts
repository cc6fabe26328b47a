import { pino } from 'pino';

/** The one structured logger; components add `{ component: '…' }` to each line. */
export type Logger = pino.Logger;

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: 'pharos' } }, destination);
}
