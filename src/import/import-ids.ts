import { ID_PATTERN } from '../domain/id-pattern.ts';

/** A Pharos id from a source's name: lower-case letters, digits and -, at most 63 characters. */
export function slugFor(name: string, fallback: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return ID_PATTERN.test(slug) ? slug : fallback;
}

/**
 * Hands out ids that are unique within one kind. The same source gives the same ids on every run (names first,
 * the source's own id to break a tie), so that importing twice finds the objects of the first run.
 */
export class IdAllocator {
  private readonly taken = new Set<string>();

  constructor(private readonly fallbackPrefix: string) {}

  take(name: string, sourceId: string | number): string {
    const base = slugFor(name, `${this.fallbackPrefix}-${slugFor(String(sourceId), 'x')}`);
    let id = base;
    if (this.taken.has(id)) id = `${base.slice(0, 50)}-${slugFor(String(sourceId), 'x')}`.slice(0, 63);
    for (let n = 2; this.taken.has(id); n++) id = `${base.slice(0, 55)}-${n}`;
    this.taken.add(id);
    return id;
  }
}
