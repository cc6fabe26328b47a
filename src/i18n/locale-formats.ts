/**
 * Dates, durations and numbers in one language, through Intl (formatters are built once per language and kept).
 * Times on the server are UTC (the browser script rewrites them in the viewer's zone and language).
 */
/** Intl.DurationFormat (Node 23+, every current browser); TypeScript's ES2022 lib does not declare it yet. */
interface DurationFormat {
  format(duration: Record<string, number>): string;
}
const DurationFormatCtor = (
  Intl as unknown as { DurationFormat: new (locale: string, options: { style: string }) => DurationFormat }
).DurationFormat;

export type TimeStyle = 'datetime' | 'time' | 'monthDay' | 'date';

const TIME_OPTIONS: Record<TimeStyle, Intl.DateTimeFormatOptions> = {
  datetime: {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' },
  monthDay: { month: 'short', day: 'numeric' },
  date: { year: 'numeric', month: 'short', day: 'numeric' },
};

export class LocaleFormats {
  readonly #times = new Map<TimeStyle, Intl.DateTimeFormat>();
  readonly #month: Intl.DateTimeFormat;
  readonly #duration: DurationFormat;
  readonly #hundredths: Intl.NumberFormat;
  readonly #integer: Intl.NumberFormat;
  readonly #ms: Intl.NumberFormat;
  readonly #list: Intl.ListFormat;

  constructor(readonly locale: string) {
    for (const [style, options] of Object.entries(TIME_OPTIONS) as [TimeStyle, Intl.DateTimeFormatOptions][])
      this.#times.set(style, new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }));
    this.#month = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
    // English keeps Pharos's compact "1d 2h"; other languages their short unit names ("1 Std., 2 Min.")
    this.#duration = new DurationFormatCtor(locale, { style: locale === 'en' ? 'narrow' : 'short' });
    this.#hundredths = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    this.#integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    this.#ms = new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: 'millisecond',
      maximumFractionDigits: 0,
      useGrouping: false,
    });
    this.#list = new Intl.ListFormat(locale, { type: 'conjunction', style: 'narrow' });
  }

  /** "Nov 25, 2026, 12:00 UTC" / "25. Nov. 2026, 12:00 UTC" and the shorter styles. */
  time(ms: number, style: TimeStyle = 'datetime'): string {
    return this.#times.get(style)!.format(ms);
  }

  /** "November 2026" for "2026-11". */
  month(month: string): string {
    const [y, m] = month.split('-').map(Number);
    return this.#month.format(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1));
  }

  /** The largest two units: "1d 2h", "30s", "250ms" in English. */
  duration(ms: number): string {
    if (ms < 1000) return this.#duration.format({ milliseconds: Math.max(0, Math.round(ms)) });
    const parts: Record<string, number> = {};
    let rest = Math.round(ms / 1000);
    let count = 0;
    for (const [unit, size] of [
      ['days', 86400],
      ['hours', 3600],
      ['minutes', 60],
      ['seconds', 1],
    ] as const) {
      const n = Math.floor(rest / size);
      rest -= n * size;
      if (n > 0) {
        parts[unit] = n;
        count++;
      }
      if (count === 2) break;
    }
    return this.#duration.format(parts);
  }

  /**
   * An uptime fraction as a number of percent with two decimals in the language's digits, rounded down so that an
   * imperfect period never reads 100.00 (the epsilon absorbs float noise, as formatUptime does).
   */
  uptimeNumber(fraction: number): string {
    const hundredths = Math.floor(Math.min(Math.max(fraction, 0), 1) * 10000 + 1e-6);
    return this.#hundredths.format(hundredths / 100);
  }

  integer(n: number): string {
    return this.#integer.format(n);
  }

  /** "123 ms" */
  milliseconds(n: number): string {
    return this.#ms.format(Math.round(n));
  }

  /** "API, Web" */
  list(items: readonly string[]): string {
    return this.#list.format(items);
  }
}
