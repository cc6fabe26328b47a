import { ConfigError, formatIssue } from '../config/config-error.ts';
import { loadConfigFile } from '../config/load-config.ts';
import type { CliArgs } from './cli-args.ts';

export async function runCheckConfig(args: CliArgs): Promise<number> {
  const file = args.positionals[0] ?? args.config;
  try {
    const config = await loadConfigFile(file);
    console.log(`${file}: OK (${config.monitors.length} monitors, ${config.components.length} components)`);
    return 0;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const issue of err.issues) console.error(formatIssue(file, issue));
    console.error(`${file}: ${err.issues.length} problem${err.issues.length === 1 ? '' : 's'}`);
    return 1;
  }
}
