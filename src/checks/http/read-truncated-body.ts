import type { Readable } from 'node:stream';

/**
 * The body as UTF-8 text, at most maxBytes of it. Stops reading (and so closes the stream) once the
 * limit is reached, so a huge or endless body costs no more than the limit.
 */
export async function readTruncatedBody(body: Readable, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    const room = maxBytes - size;
    chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
    size += Math.min(chunk.length, room);
    if (size >= maxBytes) break;
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
