import type { CheckContext } from './check-type.ts';

/**
 * Node 24 appends advice for whoever runs Node to certificate errors; a monitor's error names the fault, not a
 * runtime flag (Pharos's trust store is the check's `ca` option).
 */
const NODE_RUNTIME_HINT = /; if the root CA is installed locally, try running Node\.js with --use-system-ca$/;

/** A thrown value as one human-readable line; Node's happy-eyeballs AggregateError has an empty message. */
export function errorMessage(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) {
    const messages = [...new Set(err.errors.map(errorMessage))];
    return messages.join('; ');
  }
  if (err instanceof Error) return (err.message || err.name).replace(NODE_RUNTIME_HINT, '');
  return String(err);
}

/**
 * Why a check failed. When the context's signal has fired, the abort is the cause whatever the
 * transport reported ("This operation was aborted", "socket hang up"): a timeout, or a shutdown.
 */
export function failureMessage(err: unknown, ctx: Pick<CheckContext, 'signal' | 'timeoutMs'>): string {
  if (ctx.signal.aborted) return abortMessage(ctx);
  return errorMessage(err);
}

/** "timeout after 5000 ms", or "aborted: shutting down" when something other than the timeout aborted. */
export function abortMessage(ctx: Pick<CheckContext, 'signal' | 'timeoutMs'>): string {
  const reason: unknown = ctx.signal.reason;
  if (reason instanceof Error && reason.name !== 'TimeoutError' && reason.name !== 'AbortError' && reason.message) {
    return `aborted: ${reason.message}`;
  }
  return `timeout after ${ctx.timeoutMs} ms`;
}
