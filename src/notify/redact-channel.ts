import { REDACTED, redactSecrets } from '../admin/redact.ts';
import type { ChannelType } from './registry.ts';
import { notifiers } from './registry.ts';

/** A channel's config with its provider's secret fields (dot paths) and anything secret-looking hidden. */
export function redactChannel(config: unknown): unknown {
  const out = redactSecrets(config) as Record<string, unknown>;
  const type = (config as { type?: string } | null)?.type;
  if (!type || !(type in notifiers)) return out;
  for (const path of notifiers[type as ChannelType].secretFields) hide(out, path.split('.'));
  return out;
}

function hide(target: Record<string, unknown>, path: string[]): void {
  const [head, ...rest] = path;
  if (!head || !(head in target)) return;
  if (rest.length === 0) {
    if (target[head] !== undefined && target[head] !== null) target[head] = REDACTED;
    return;
  }
  const next = target[head];
  if (next && typeof next === 'object') hide(next as Record<string, unknown>, rest);
}
