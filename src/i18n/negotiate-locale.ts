/** How a page picks its language: fixed, or negotiated among the languages it allows. */
export interface PageLocales {
  /** the language when nothing else decides */
  default: string;
  /** the languages visitors may get, the default first; one: the page's language is fixed */
  allowed: readonly string[];
  /** `language: auto`: the browser's Accept-Language decides among `allowed` */
  negotiate: boolean;
}

/** What a request says about the language it wants. */
export interface LocaleHints {
  /** `?lang=` from the language switcher */
  query?: string | undefined;
  /** the switcher's cookie (`pharos_lang`) */
  cookie?: string | undefined;
  acceptLanguage?: string | undefined;
}

/** A hostile header is read only this far: at most this many ranges of at most this many characters. */
const MAX_HEADER = 1000;
const MAX_RANGES = 16;
const RANGE = /^\s*([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8}){0,3}|\*)\s*(?:;\s*q\s*=\s*([01](?:\.\d{0,3})?))?\s*$/;

/**
 * The language of one answer: an explicit choice (query, then cookie) when the page allows it, then, on a page
 * with `language: auto`, the best Accept-Language match, else the page's default. Only tags the page allows are
 * ever returned, whatever the request says.
 */
export function negotiateLocale(page: PageLocales, hints: LocaleHints): string {
  if (page.allowed.length <= 1) return page.default;
  for (const choice of [hints.query, hints.cookie]) {
    const match = choice === undefined ? undefined : exactMatch(page.allowed, choice);
    if (match) return match;
  }
  if (page.negotiate && hints.acceptLanguage) {
    for (const range of acceptedRanges(hints.acceptLanguage)) {
      if (range === '*') return page.default;
      const match = exactMatch(page.allowed, range) ?? looseMatch(page.allowed, range);
      if (match) return match;
    }
  }
  return page.default;
}

/** Accept-Language's ranges, best first (ties keep header order); q=0 and malformed entries are left out. */
export function acceptedRanges(header: string): string[] {
  const ranges: { tag: string; q: number; at: number }[] = [];
  const entries = header.slice(0, MAX_HEADER).split(',', MAX_RANGES);
  entries.forEach((entry, at) => {
    const m = RANGE.exec(entry);
    if (!m) return;
    const q = m[2] === undefined ? 1 : Number(m[2]);
    if (q > 0 && q <= 1) ranges.push({ tag: m[1]!, q, at });
  });
  return ranges.sort((a, b) => b.q - a.q || a.at - b.at).map((r) => r.tag);
}

function exactMatch(allowed: readonly string[], tag: string): string | undefined {
  if (tag.length > 35) return undefined;
  const lower = tag.toLowerCase();
  return allowed.find((a) => a.toLowerCase() === lower);
}

/**
 * de-AT → de, pt-BR → pt, zh-CN / zh-SG / zh-Hans-CN / bare zh → zh-Hans (Traditional Chinese regions match
 * nothing: no catalog reads as theirs), and a bare de → de-CH when only that is offered.
 */
function looseMatch(allowed: readonly string[], range: string): string | undefined {
  const parts = range.toLowerCase().split('-');
  const primary = parts[0]!;
  if (primary === 'zh') {
    const traditional = parts.includes('hant') || parts.some((p) => p === 'tw' || p === 'hk' || p === 'mo');
    return traditional ? undefined : allowed.find((a) => a.toLowerCase() === 'zh-hans');
  }
  return (
    allowed.find((a) => a.toLowerCase() === primary) ?? allowed.find((a) => a.toLowerCase().split('-')[0] === primary)
  );
}
