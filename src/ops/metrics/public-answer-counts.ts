import type { PublicAnswer } from '../../http/public/resolve-public-request.ts';

/** Kinds of answers the public fast path gives, for a bounded `kind` label. */
export const PUBLIC_ANSWER_KINDS = [
  'page',
  'json',
  'feed',
  'badge',
  'script',
  'asset',
  'stream',
  'error',
  'starting',
] as const;
export type PublicAnswerKind = (typeof PUBLIC_ANSWER_KINDS)[number];

export function publicAnswerKind(answer: PublicAnswer): PublicAnswerKind {
  return answer.kind === 'asset' ? assetKind(answer.asset.contentType) : answer.kind;
}

/** The kind of a served asset, from its content type. */
function assetKind(contentType: string): PublicAnswerKind {
  if (contentType.startsWith('text/html')) return 'page';
  if (contentType.startsWith('application/json')) return 'json';
  if (contentType.startsWith('application/rss') || contentType.startsWith('application/atom')) return 'feed';
  if (contentType.startsWith('image/svg')) return 'badge';
  if (contentType.includes('javascript')) return 'script';
  return 'asset';
}

/**
 * Answers of the public fast path by kind and status, as plain integers: the hot path pays one map update per request
 * (no label hashing); the totals become a Prometheus counter at scrape time.
 */
export class PublicAnswerCounts {
  private readonly byKind = new Map<PublicAnswerKind, Map<number, number>>(
    PUBLIC_ANSWER_KINDS.map((k) => [k, new Map()]),
  );

  record(kind: PublicAnswerKind, status: number): void {
    const byStatus = this.byKind.get(kind)!;
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  }

  *totals(): Generator<{ kind: PublicAnswerKind; status: number; count: number }> {
    for (const [kind, byStatus] of this.byKind) for (const [status, count] of byStatus) yield { kind, status, count };
  }
}
