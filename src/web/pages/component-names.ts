import type { StatusModel } from '../../http/public/status-model.ts';

/** Names of the given component ids, in the page's display order; unknown ids are skipped. */
export function componentNames(model: StatusModel, ids: readonly string[]): string[] {
  const wanted = new Set(ids);
  return model.components.filter((c) => wanted.has(c.id)).map((c) => c.name);
}
