/** The three request headers the public fast path reads. */
export interface PublicRequestHeaders {
  host: string | undefined;
  ifNoneMatch: string | undefined;
  acceptEncoding: string | undefined;
}

/**
 * Read them from Node's rawHeaders in one pass: touching `req.headers` makes Node build an object of every header,
 * which costs a measurable share of a request that is otherwise a copy of bytes from memory.
 */
export function readPublicHeaders(raw: readonly string[]): PublicRequestHeaders {
  const out: PublicRequestHeaders = { host: undefined, ifNoneMatch: undefined, acceptEncoding: undefined };
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    switch (name.length) {
      case 4:
        if (out.host === undefined && name.toLowerCase() === 'host') out.host = raw[i + 1];
        break;
      case 13:
        if (out.ifNoneMatch === undefined && name.toLowerCase() === 'if-none-match') out.ifNoneMatch = raw[i + 1];
        break;
      case 15:
        if (out.acceptEncoding === undefined && name.toLowerCase() === 'accept-encoding')
          out.acceptEncoding = raw[i + 1];
        break;
    }
  }
  return out;
}

/** What a request says about its language; read only for pages shown in more than one. */
export interface LanguageHeaders {
  acceptLanguage: string | undefined;
  cookie: string | undefined;
}

export function readLanguageHeaders(raw: readonly string[]): LanguageHeaders {
  const out: LanguageHeaders = { acceptLanguage: undefined, cookie: undefined };
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === 15 && out.acceptLanguage === undefined && name.toLowerCase() === 'accept-language')
      out.acceptLanguage = raw[i + 1];
    else if (name.length === 6 && out.cookie === undefined && name.toLowerCase() === 'cookie') out.cookie = raw[i + 1];
  }
  return out;
}
