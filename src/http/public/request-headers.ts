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
