import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Response bytes computed once per snapshot, with an ETag; the gzip and brotli variants are made on first use
 * and kept, so that a request only copies memory.
 */
export class RenderedAsset {
  readonly body: Buffer;
  readonly etag: string;
  private gz: Buffer | undefined;
  private brotli: Buffer | undefined;

  /** ISO time since when the store has not answered, when these bytes come from the last good snapshot */
  readonly staleSince: string | undefined;

  constructor(
    text: string | Buffer,
    readonly contentType: string,
    opts: { staleSince?: number } = {},
  ) {
    this.body = typeof text === 'string' ? Buffer.from(text) : text;
    this.staleSince = opts.staleSince === undefined ? undefined : new Date(opts.staleSince).toISOString();
    this.etag = `"${contentToken(this.body, this.staleSince)}"`;
  }

  get gzip(): Buffer {
    this.gz ??= gzipSync(this.body, { level: 6 });
    return this.gz;
  }

  get br(): Buffer {
    // Quality 5 compresses a large page in milliseconds and close to the best ratio; 11 would cost ~100x the time.
    this.brotli ??= brotliCompressSync(this.body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: this.body.length },
    });
    return this.brotli;
  }
}

/**
 * The unquoted ETag of these bytes (a string is hashed as its UTF-8 bytes, without a copy of them). A stale answer
 * gets its own token even when its bytes did not change, so that caches pick up the stale header.
 */
export function contentToken(content: string | Buffer, staleSince: string | undefined): string {
  const hash = createHash('sha1').update(content);
  if (staleSince) hash.update(`\0stale:${staleSince}`);
  return hash.digest('base64url').slice(0, 22);
}

export function renderAsset(text: string | Buffer, contentType: string, opts?: { staleSince?: number }): RenderedAsset {
  return new RenderedAsset(text, contentType, opts);
}
