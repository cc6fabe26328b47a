import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { CLI_ACTOR } from '../admin/actor.ts';
import { PRIVATE_FILE_MODE, writeAtomically } from '../backup/backup-file.ts';
import { InProcessBus } from '../bus/in-process-bus.ts';
import { ConfigError, formatIssue } from '../config/config-error.ts';
import { parseConfigText } from '../config/load-config.ts';
import { createEgressPolicy, defaultEgressPolicy, type EgressPolicy } from '../egress/egress-policy.ts';
import { checkPlan } from '../import/check-plan.ts';
import { egressFetchJson } from '../import/fetch-json.ts';
import { ImportError } from '../import/import-error.ts';
import type { ImportPlan } from '../import/import-plan.ts';
import { formatReport } from '../import/import-report.ts';
import { importSources, isImportSourceName } from '../import/import-sources.ts';
import { renderConfigFile } from '../import/render-config-file.ts';
import { writePlanToStore } from '../import/write-plan-to-store.ts';
import type { CliArgs } from './cli-args.ts';
import { loadConfigOrReport } from './load-config-or-report.ts';
import { OFFLINE_RUNTIME } from './user-command.ts';
import { withStore } from './with-store.ts';

const USAGE = `usage: pharos import-from <source> … (--out pharos.yaml | --into-store [--config FILE])
${Object.values(importSources)
  .map((s) => `  ${s.usage}`)
  .join('\n')}
Without --out or --into-store nothing is written: the report says what would map.`;

/**
 * pharos import-from <source> …: read another tool's monitors, pages, incidents … and write them as a config file
 * (--out) or into the store through the admin services (--into-store); print one report line per object.
 */
export async function runImportFrom(args: CliArgs): Promise<number> {
  const [sourceName, ...rest] = args.positionals;
  if (!sourceName || !isImportSourceName(sourceName)) {
    console.error(sourceName ? `pharos import-from: unknown source "${sourceName}"\n${USAGE}` : USAGE);
    return 2;
  }
  const { out } = args.options;
  const intoStore = args.flags?.['into-store'] === true;
  if (out && intoStore) {
    console.error('pharos import-from: give --out or --into-store, not both');
    return 2;
  }
  const egress = await egressFor(args.config, intoStore);
  if (!egress) return 1;
  const { fetchJson, close } = egressFetchJson(egress);
  let plan: ImportPlan;
  try {
    plan = await importSources[sourceName].read({
      positionals: rest,
      apiKey: args.options['api-key'] ?? process.env.PHAROS_IMPORT_API_KEY,
      pageId: args.options['page-id'],
      apiUrl: args.options['api-url'],
      withHistory: args.flags?.['with-history'] === true,
      fetchJson,
    });
  } catch (err) {
    if (!(err instanceof ImportError)) throw err;
    console.error(`pharos import-from ${sourceName}: ${err.message}`);
    return 1;
  } finally {
    await close();
  }
  checkPlan(plan, process.env);
  if (out) {
    const text = renderConfigFile(plan, sourceName);
    const problems = configProblems(text, out);
    if (problems.length) {
      for (const p of problems) console.error(p);
      console.error(`pharos import-from: the config made does not load; nothing written (please report this)`);
      return 1;
    }
    await writeAtomically(out, (tmp) => writeFile(tmp, text, { mode: PRIVATE_FILE_MODE }));
  }
  if (intoStore) {
    const code = await withStore(args.config, async (store) => {
      await writePlanToStore(
        {
          actor: { ...CLI_ACTOR, label: `cli import-from ${sourceName}` },
          store,
          bus: new InProcessBus(),
          runtime: OFFLINE_RUNTIME,
          egress,
          now: Date.now,
        },
        plan,
        process.env,
      );
      return 0;
    });
    if (code !== 0) return code;
  }
  console.log(formatReport(plan.report));
  if (out) console.error(`wrote ${out}; it may hold secrets (mode 0600): keep it private`);
  else if (!intoStore) console.error('nothing written: give --out FILE or --into-store');
  return 0;
}

/** The config's egress policy when there is a config (required with --into-store), else the default one. */
async function egressFor(configFile: string, required: boolean): Promise<EgressPolicy | undefined> {
  if (!required && !existsSync(configFile)) return defaultEgressPolicy();
  const config = await loadConfigOrReport(configFile);
  return config && createEgressPolicy(config.egress);
}

/**
 * Load the text as Pharos would. Variables not set here stop the loader before the schema: those are not problems
 * of the file (the report names each object that needs one), so only other issues are returned.
 */
function configProblems(text: string, file: string): string[] {
  try {
    parseConfigText(text, file, process.env);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.issues
      .filter((i) => !/^environment variable \S+ is not set/.test(i.message))
      .map((i) => formatIssue(file, i));
  }
}
