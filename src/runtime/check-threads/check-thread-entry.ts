import { threadEntry, type ThreadEntry } from '../thread-entry.ts';

export type CheckThreadEntry = ThreadEntry;

/** The check threads' code: check-thread.ts from source, dist/check-thread.mjs in the bundle. */
export function checkThreadEntry(): CheckThreadEntry {
  return threadEntry(new URL('./check-thread.ts', import.meta.url), 'check-thread.mjs');
}
