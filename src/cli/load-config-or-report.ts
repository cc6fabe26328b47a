import { ConfigError, formatIssue } from '../config/config-error.ts';
import { loadConfigFile } from '../config/load-config.ts';
import type { PharosConfig } from '../config/schema.ts';

/** Load the config for a command; on a bad file print each problem and return undefined. */
export async function loadConfigOrReport(file: string): Promise<PharosConfig | undefined> {
  try {
    return await loadConfigFile(file);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const issue of err.issues) console.error(formatIssue(file, issue));
    return undefined;
  }
}
