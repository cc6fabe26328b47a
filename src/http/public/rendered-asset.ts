import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/** Precomputed response bytes with an ETag and a gzip variant, so that a request only copies memory. */
export interface RenderedAsset {
  body: Buffer;
  gzip: Buffer;
  etag: string;
  contentType: string;
}

export function renderAsset(text: string, contentType: string): RenderedAsset {
  const body = Buffer.from(text);
  return {
    body,
    gzip: gzipSync(body, { level: 6 }),
    etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`,
    contentType,
  };
}
