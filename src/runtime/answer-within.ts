/**
 * Reject when `p` has not settled within `ms` (a hung database must not hang a probe or a rebuild). The work
 * itself is not cancelled: its late answer is ignored.
 */
export function answerWithin<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e)),
    );
  });
}
