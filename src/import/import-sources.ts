import { open, readFile } from 'node:fs/promises';
import { mapCachet } from './cachet/map-cachet.ts';
import { readCachet } from './cachet/read-cachet.ts';
import type { FetchJson } from './fetch-json.ts';
import { readGatusConfig } from './gatus/gatus-config.ts';
import { mapGatus } from './gatus/map-gatus.ts';
import { ImportError } from './import-error.ts';
import type { ImportPlan } from './import-plan.ts';
import { fromPublicDocuments, readStatuspageManagement, readStatuspagePublic } from './statuspage/read-statuspage.ts';
import { mapStatuspage } from './statuspage/map-statuspage.ts';
import { mapKuma } from './uptime-kuma/map-kuma.ts';
import { readKumaBackup } from './uptime-kuma/read-kuma-backup.ts';
import { readKumaDatabase } from './uptime-kuma/read-kuma-database.ts';

/** What the command hands a source: its positional arguments and options, and the one way it may fetch a URL. */
export interface ImportSourceInput {
  positionals: string[];
  apiKey?: string;
  pageId?: string;
  apiUrl?: string;
  withHistory: boolean;
  fetchJson: FetchJson;
}

/** One tool Pharos imports from: how it is called, and its reading and mapping (IO first, then pure mapping). */
export interface ImportSource {
  usage: string;
  read(input: ImportSourceInput): Promise<ImportPlan>;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ImportError(`cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ImportError(`${file} is not JSON`);
  }
}

async function isSqliteFile(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch((err: Error) => {
    throw new ImportError(`cannot read ${file}: ${err.message}`);
  });
  try {
    const head = Buffer.alloc(16);
    await handle.read(head, 0, 16, 0);
    return head.toString('latin1') === 'SQLite format 3\0';
  } finally {
    await handle.close();
  }
}

function one(input: ImportSourceInput, usage: string): string {
  if (input.positionals.length !== 1) throw new ImportError(`usage: ${usage}`);
  return input.positionals[0]!;
}

const KUMA_USAGE = 'pharos import-from uptime-kuma (kuma.db | backup.json) [--with-history]';
const GATUS_USAGE = 'pharos import-from gatus config.yaml';
const STATUSPAGE_USAGE =
  'pharos import-from statuspage (https://status.example.com | summary.json [incidents.json …] | --page-id ID --api-key KEY [--api-url URL])';
const CACHET_USAGE = 'pharos import-from cachet https://status.example.com [--api-key TOKEN]';

/** Every source, once: the command's first argument is a key of this object. */
export const importSources = {
  'uptime-kuma': {
    usage: KUMA_USAGE,
    async read(input) {
      const file = one(input, KUMA_USAGE);
      if (await isSqliteFile(file)) {
        const { data, close } = readKumaDatabase(file);
        try {
          return mapKuma(data, { withHistory: input.withHistory });
        } finally {
          close();
        }
      }
      return mapKuma(readKumaBackup(await readJsonFile(file)), { withHistory: input.withHistory });
    },
  },
  gatus: {
    usage: GATUS_USAGE,
    async read(input) {
      const file = one(input, GATUS_USAGE);
      const text = await readFile(file, 'utf8').catch((err: Error) => {
        throw new ImportError(`cannot read ${file}: ${err.message}`);
      });
      return mapGatus(readGatusConfig(text));
    },
  },
  statuspage: {
    usage: STATUSPAGE_USAGE,
    async read(input) {
      if (input.pageId || input.apiKey) {
        if (!input.pageId || !input.apiKey)
          throw new ImportError('the management API needs both --page-id and --api-key');
        if (input.positionals.length) throw new ImportError(`usage: ${STATUSPAGE_USAGE}`);
        const data = await readStatuspageManagement(
          input.apiUrl ?? 'https://api.statuspage.io/v1',
          input.pageId,
          input.apiKey,
          input.fetchJson,
        );
        return mapStatuspage(data);
      }
      if (input.positionals.length === 0) throw new ImportError(`usage: ${STATUSPAGE_USAGE}`);
      if (input.positionals.length === 1 && isUrl(input.positionals[0]!))
        return mapStatuspage(await readStatuspagePublic(input.positionals[0]!, input.fetchJson));
      const docs = [];
      for (const file of input.positionals) docs.push(await readJsonFile(file));
      return mapStatuspage(fromPublicDocuments(docs));
    },
  },
  cachet: {
    usage: CACHET_USAGE,
    async read(input) {
      const url = one(input, CACHET_USAGE);
      if (!isUrl(url)) throw new ImportError("cachet: give the installation's URL (its API is read)");
      return mapCachet(await readCachet(url, input.fetchJson, input.apiKey));
    },
  },
} satisfies Record<string, ImportSource>;

export type ImportSourceName = keyof typeof importSources;

export function isImportSourceName(name: string): name is ImportSourceName {
  return Object.hasOwn(importSources, name);
}
