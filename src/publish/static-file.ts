import { createHash } from 'node:crypto';

/** One file of the static copy: its path under the site root (no leading slash) and what it is served with. */
export interface StaticFile {
  path: string;
  body: Buffer;
  contentType: string;
  cacheControl: string;
  /** hex SHA-256 of the body: what the manifest lists and what decides whether the file changed */
  sha256: string;
}

export function staticFile(path: string, body: Buffer | string, contentType: string, cacheControl: string): StaticFile {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return { path, body: bytes, contentType, cacheControl, sha256: createHash('sha256').update(bytes).digest('hex') };
}
