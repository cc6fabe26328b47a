import type { FetchJson } from '../fetch-json.ts';
import { ImportError } from '../import-error.ts';
import type {
  StatuspageComponent,
  StatuspageData,
  StatuspageGroup,
  StatuspageIncident,
  StatuspageSubscriber,
} from './statuspage-data.ts';

type Doc = Record<string, unknown>;
const MAINTENANCE_STATUSES = new Set(['scheduled', 'in_progress', 'verifying', 'completed']);
const PER_PAGE = 100;
/** a safety stop for a paging loop that never ends (100 × 100 = 10,000 objects of a kind) */
const MAX_PAGES = 100;

function byId<T extends { id: string }>(lists: T[][]): T[] {
  const seen = new Map<string, T>();
  for (const list of lists) for (const item of list) if (!seen.has(item.id)) seen.set(item.id, item);
  return [...seen.values()];
}

/**
 * The public API's documents (summary.json, incidents.json, scheduled-maintenances.json, from files or a page's URL)
 * merged: components and their groups, incidents with their updates, scheduled maintenances. No subscribers there.
 */
export function fromPublicDocuments(docs: readonly unknown[]): StatuspageData {
  const components: StatuspageComponent[][] = [];
  const incidents: StatuspageIncident[][] = [];
  const maintenances: StatuspageIncident[][] = [];
  let pageName: string | undefined;
  for (const value of docs) {
    const doc = (value ?? {}) as Doc;
    if (!doc.page && !doc.components && !doc.incidents && !doc.scheduled_maintenances)
      throw new ImportError(
        'not a Statuspage document: expected summary.json, incidents.json or scheduled-maintenances.json',
      );
    const page = doc.page as Doc | undefined;
    if (typeof page?.name === 'string') pageName ??= page.name;
    if (Array.isArray(doc.components)) components.push(doc.components as StatuspageComponent[]);
    if (Array.isArray(doc.incidents)) incidents.push(doc.incidents as StatuspageIncident[]);
    if (Array.isArray(doc.scheduled_maintenances))
      maintenances.push(doc.scheduled_maintenances as StatuspageIncident[]);
  }
  const all = byId(components);
  const groups: StatuspageGroup[] = all
    .filter((c) => c.group)
    .map((g) => ({ id: g.id, name: g.name, description: g.description ?? null }));
  return {
    ...(pageName ? { pageName } : {}),
    components: all.filter((c) => !c.group),
    groups,
    incidents: byId(incidents),
    maintenances: byId(maintenances),
    subscribers: null,
  };
}

/** A public page's documents, read from its URL (https://status.example.com). */
export async function readStatuspagePublic(pageUrl: string, fetchJson: FetchJson): Promise<StatuspageData> {
  const base = pageUrl.replace(/\/+$/, '');
  const docs = [];
  for (const name of ['summary.json', 'incidents.json', 'scheduled-maintenances.json'])
    docs.push(await fetchJson(`${base}/api/v2/${name}`));
  return fromPublicDocuments(docs);
}

async function pages<T>(fetchJson: FetchJson, url: string, headers: Record<string, string>): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const sep = url.includes('?') ? '&' : '?';
    const batch = await fetchJson(`${url}${sep}page=${page}&per_page=${PER_PAGE}`, headers);
    if (!Array.isArray(batch)) throw new ImportError(`${url.split('?')[0]} did not answer a list`);
    out.push(...(batch as T[]));
    if (batch.length < PER_PAGE) return out;
  }
  throw new ImportError(`${url.split('?')[0]}: more than ${MAX_PAGES} pages`);
}

/**
 * The management API's export of one page (https://api.statuspage.io/v1, key in an `Authorization: OAuth` header):
 * components, component groups, incidents and maintenances with every update, subscribers in each consent state.
 */
export async function readStatuspageManagement(
  apiUrl: string,
  pageId: string,
  apiKey: string,
  fetchJson: FetchJson,
): Promise<StatuspageData> {
  if (!/^[A-Za-z0-9]+$/.test(pageId)) throw new ImportError('--page-id: a Statuspage page id is letters and digits');
  const base = `${apiUrl.replace(/\/+$/, '')}/pages/${pageId}`;
  const headers = { authorization: `OAuth ${apiKey}` };
  const page = (await fetchJson(base, headers)) as Doc;
  const components = await pages<StatuspageComponent>(fetchJson, `${base}/components`, headers);
  const groups = await pages<StatuspageGroup>(fetchJson, `${base}/component-groups`, headers);
  const incidents = await pages<StatuspageIncident>(fetchJson, `${base}/incidents`, headers);
  const subscribers: StatuspageSubscriber[] = [];
  for (const state of ['active', 'unconfirmed', 'quarantined'] as const)
    for (const s of await pages<Omit<StatuspageSubscriber, 'state'>>(
      fetchJson,
      `${base}/subscribers?state=${state}`,
      headers,
    ))
      subscribers.push({ ...s, state });
  return {
    ...(typeof page.name === 'string' ? { pageName: page.name } : {}),
    components: components.filter((c) => !c.group),
    groups,
    incidents: incidents.filter((i) => !MAINTENANCE_STATUSES.has(i.status)),
    maintenances: incidents.filter((i) => MAINTENANCE_STATUSES.has(i.status)),
    subscribers,
  };
}
