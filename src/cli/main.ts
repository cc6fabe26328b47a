import { parseArgs } from 'node:util';
import { runCheckConfig } from './check-config-command.ts';
import { runMigrate } from './migrate-command.ts';
import { runSchema } from './schema-command.ts';
import { runStart } from './start-command.ts';

const USAGE = `Usage: pharos <command> [options]

Commands:
  start [--config FILE] [--port N]   start monitoring and serve the status page
  check-config [FILE]                validate a config file (exit 0 when valid, 1 with each problem's key path and line)
  migrate [--config FILE]            apply database migrations and exit
  schema                             print the config file's JSON Schema

--config defaults to ./pharos.yaml (or $PHAROS_CONFIG).`;

const COMMANDS = {
  start: runStart,
  'check-config': runCheckConfig,
  migrate: runMigrate,
  schema: runSchema,
} satisfies Record<string, (args: CliArgs) => Promise<number>>;

export interface CliArgs {
  config: string;
  port?: number;
  positionals: string[];
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  if (!(command in COMMANDS)) {
    console.error(`pharos: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  let values: { config?: string; port?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: rest, options: { config: { type: 'string', short: 'c' }, port: { type: 'string', short: 'p' } }, allowPositionals: true }));
  } catch (err) {
    console.error(`pharos ${command}: ${(err as Error).message}`);
    return 2;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    console.error(`pharos ${command}: --port must be a whole number from 0 to 65535, got "${values.port}"`);
    return 2;
  }
  const config = values.config ?? process.env.PHAROS_CONFIG ?? './pharos.yaml';
  return COMMANDS[command as keyof typeof COMMANDS]({ config, port, positionals });
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || process.argv[2] !== 'start') process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
