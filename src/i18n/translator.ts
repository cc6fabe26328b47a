import type IntlMessageFormat from 'intl-messageformat';
import { Html, escapeHtml } from '../web/html/html.ts';
import { isRtl, type MessageKey } from './catalogs.ts';
import { compile, compiledCatalog } from './compiled-catalog.ts';
import { LocaleFormats } from './locale-formats.ts';
import { textArguments } from './message-shape.ts';

export type MessageValues = Record<string, string | number>;
export type StringOverrides = Readonly<Partial<Record<MessageKey, string>>>;

/** Marks where an Html value goes in a formatted message; private-use characters no message contains. */
const SLOT = (n: number) => `\uE000${n}\uE001`;
const SLOTS = /\uE000(\d+)\uE001/g;

/** One language's words (with the page's own overrides) and its Intl formats. */
let made = 0;

export class Translator {
  /** unique per translator (a language with one page's overrides): for caches of rendered parts */
  readonly id = `${++made}`;
  readonly formats: LocaleFormats;
  readonly dir: 'ltr' | 'rtl';
  readonly #messages: ReadonlyMap<MessageKey, IntlMessageFormat>;
  readonly #overrides = new Map<MessageKey, IntlMessageFormat>();

  constructor(
    readonly locale: string,
    overrides: StringOverrides = {},
  ) {
    this.#messages = compiledCatalog(locale);
    this.formats = new LocaleFormats(locale);
    this.dir = isRtl(locale) ? 'rtl' : 'ltr';
    for (const [key, message] of Object.entries(overrides) as [MessageKey, string][]) {
      const parsed = compile(message, locale);
      if (parsed) this.#overrides.set(key, parsed);
    }
  }

  /**
   * The message as text. In a right-to-left language every text value is a Unicode isolate (FSI … PDI): "32 ms" or
   * "Public API" inside Hebrew keeps its own order instead of being reordered with the words around it. Numbers stay
   * numbers (plural rules read them).
   */
  t(key: MessageKey, values?: MessageValues): string {
    const message = this.#overrides.get(key) ?? this.#messages.get(key)!;
    return String(message.format(this.dir === 'rtl' && values ? isolated(message, values) : values));
  }

  /** The message as escaped HTML; Html values (a <time> tag, a link) are put in as they are. */
  html(key: MessageKey, values: Record<string, string | number | Html> = {}): Html {
    const slots: Html[] = [];
    const plain: MessageValues = {};
    for (const [name, value] of Object.entries(values)) {
      if (value instanceof Html) {
        plain[name] = SLOT(slots.length);
        slots.push(value);
      } else plain[name] = value;
    }
    const text = escapeHtml(this.t(key, plain));
    return new Html(slots.length === 0 ? text : text.replace(SLOTS, (_, n: string) => slots[Number(n)]!.text));
  }
}

const FSI = '\u2068';
const PDI = '\u2069';

const textArgumentsOf = new WeakMap<IntlMessageFormat, Set<string>>();

/** Text placeholders wrapped in isolates; a select's key or a number is left as it is (it chooses, it is not shown). */
function isolated(message: IntlMessageFormat, values: MessageValues): MessageValues {
  let names = textArgumentsOf.get(message);
  if (!names) textArgumentsOf.set(message, (names = textArguments(message)));
  const out: MessageValues = { ...values };
  for (const name of names) {
    const value = values[name];
    if (typeof value === 'string' && value !== '') out[name] = FSI + value + PDI;
  }
  return out;
}

const shared = new Map<string, Translator>();
const withOverrides = new WeakMap<StringOverrides, Map<string, Translator>>();

/** The translator of a language and a page's overrides, built once per pair and kept. */
export function translatorFor(locale: string, overrides?: StringOverrides): Translator {
  const byLocale = overrides ? (withOverrides.get(overrides) ?? new Map<string, Translator>()) : shared;
  if (overrides && !withOverrides.has(overrides)) withOverrides.set(overrides, byLocale);
  let t = byLocale.get(locale);
  if (!t) byLocale.set(locale, (t = new Translator(locale, overrides)));
  return t;
}
