import { Cron } from 'croner';
import { RecurrenceSyntaxError } from './rrule-text.ts';

/**
 * A 5-field cron expression ("0 2 * * SUN": minute hour day-of-month month day-of-week). Day of month and
 * day of week combine with OR when both are restricted, as in classic cron.
 * The job runs on UTC (utcOffset 0, far faster than timezone 'UTC') and yields floating wall-clock
 * times (see wall-clock.ts), so DST is handled once, there, the same way as for RRULEs.
 */
export function compileCron(text: string): Cron {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 5)
    throw new RecurrenceSyntaxError(
      `cron needs 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`,
    );
  let cron: Cron;
  try {
    cron = new Cron(fields.join(' '), { mode: '5-part', utcOffset: 0, domAndDow: false, paused: true });
  } catch (err) {
    throw new RecurrenceSyntaxError((err as Error).message.replace(/^CronPattern: /, ''));
  }
  if (cron.nextRun(new Date(0)) === null) throw new RecurrenceSyntaxError('cron expression never matches a date');
  return cron;
}

/** Visit the floating starts within [range.from, range.to], in order, until `visit` returns false or `maxSteps` runs out. */
export function visitCronStarts(
  cron: Cron,
  range: { from: number; to: number },
  maxSteps: number,
  visit: (floating: number) => boolean,
): void {
  let previous = new Date(range.from - 1); // nextRun is exclusive
  for (let step = 0; step < maxSteps; step++) {
    const next = cron.nextRun(previous);
    if (next === null || next.getTime() > range.to || !visit(next.getTime())) return;
    previous = next;
  }
}
