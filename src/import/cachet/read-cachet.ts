import type { FetchJson } from '../fetch-json.ts';
import { ImportError } from '../import-error.ts';

/** A Cachet object with its attributes flattened (3.x wraps them JSON:API style) and enum objects read as values. */
export type CachetItem = Record<string, unknown> & { id: number | string };

export interface CachetData {
  version: 2 | 3;
  components: CachetItem[];
  groups: CachetItem[];
  /** each with its updates under `updates`, oldest first */
  incidents: CachetItem[];
  schedules: CachetItem[];
}

const MAX_PAGES = 200;

function flatten(raw: unknown): CachetItem {
  const r = (raw ?? {}) as Record<string, unknown>;
  const attrs = r.attributes && typeof r.attributes === 'object' ? (r.attributes as Record<string, unknown>) : {};
  const out: Record<string, unknown> = { ...r, ...attrs, id: r.id as number | string };
  delete out.attributes;
  for (const [k, v] of Object.entries(out))
    if (v && typeof v === 'object' && !Array.isArray(v) && 'value' in v) out[k] = (v as { value: unknown }).value;
  return out as CachetItem;
}

async function list(fetchJson: FetchJson, url: string, headers: Record<string, string>): Promise<CachetItem[]> {
  const out: CachetItem[] = [];
  let next: string | null = `${url}${url.includes('?') ? '&' : '?'}per_page=100`;
  for (let n = 0; next && n < MAX_PAGES; n++) {
    const doc = (await fetchJson(next, headers)) as {
      data?: unknown;
      meta?: Record<string, unknown>;
      links?: Record<string, unknown>;
    };
    if (!doc || !Array.isArray(doc.data))
      throw new ImportError(`${url.split('?')[0]} did not answer Cachet's { data: [...] }`);
    out.push(...doc.data.map(flatten));
    const pagination = (doc.meta?.pagination ?? {}) as { links?: { next_page?: string | null } };
    const link = pagination.links?.next_page ?? (typeof doc.links?.next === 'string' ? doc.links.next : null);
    next = link ? sameOrigin(url, link) : null;
  }
  return out;
}

/** A next-page link must stay on the server asked: a hostile answer cannot send the import elsewhere. */
function sameOrigin(asked: string, link: string): string {
  const target = new URL(link, asked);
  if (target.origin !== new URL(asked).origin)
    throw new ImportError(`a next-page link leaves ${new URL(asked).origin}`);
  return target.href;
}

/**
 * Cachet's API read from its base URL: 2.x under /api/v1 (answers /api/v1/ping), 3.x under /api. Components,
 * component groups, incidents with their updates, schedules (maintenance). A token (X-Cachet-Token) reads hidden ones.
 */
export async function readCachet(baseUrl: string, fetchJson: FetchJson, token?: string): Promise<CachetData> {
  const base = baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = token ? { 'x-cachet-token': token, authorization: `Bearer ${token}` } : {};
  let version: 2 | 3 = 3;
  try {
    const ping = (await fetchJson(`${base}/api/v1/ping`, headers)) as { data?: unknown };
    if (ping && typeof ping.data === 'string') version = 2;
  } catch {
    version = 3;
  }
  const api = version === 2 ? `${base}/api/v1` : `${base}/api`;
  const components = await list(fetchJson, `${api}/components`, headers);
  const groups = await list(fetchJson, version === 2 ? `${api}/components/groups` : `${api}/component-groups`, headers);
  const incidents = await list(fetchJson, `${api}/incidents`, headers);
  for (const i of incidents) {
    if (Array.isArray(i.updates)) {
      i.updates = (i.updates as unknown[]).map(flatten);
      continue;
    }
    try {
      i.updates = await list(fetchJson, `${api}/incidents/${encodeURIComponent(String(i.id))}/updates`, headers);
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      // Cachet before 2.4 has no incident updates: the incident's own message is all there is
      i.updates = [];
      i.updates_unavailable = true;
    }
  }
  const schedules = await list(fetchJson, `${api}/schedules`, headers);
  return { version, components, groups, incidents, schedules };
}
