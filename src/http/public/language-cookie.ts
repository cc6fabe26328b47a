/** The language switcher's choice, kept for a year on the whole site (each page honours it only if it allows it). */
export const LANGUAGE_COOKIE = 'pharos_lang';

const VALUE = /(?:^|;\s*)pharos_lang=([A-Za-z-]{2,35})(?:;|$)/;

/** The cookie's value from a Cookie header (bounded: a hostile header is read only so far). */
export function languageCookie(header: string | undefined): string | undefined {
  return header ? VALUE.exec(header.slice(0, 4096))?.[1] : undefined;
}

/** Set-Cookie for a choice made with ?lang= (the tag is one the page allows, so it needs no escaping). */
export function languageSetCookie(tag: string): string {
  return `${LANGUAGE_COOKIE}=${tag}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
