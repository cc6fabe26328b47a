import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chooseConfig } from './config-path.ts';
import { runBackup } from './backup-command.ts';
import { runExport } from './export-command.ts';
import { runImport } from './import-command.ts';
import { runImportFrom } from './import-from-command.ts';
import { runRestore } from './restore-command.ts';
import { runCheckConfig } from './check-config-command.ts';
import { runHashPassword } from './hash-password-command.ts';
import { runMigrate } from './migrate-command.ts';
import { runSchema } from './schema-command.ts';
import type { CliArgs } from './cli-args.ts';
import { runStart } from './start-command.ts';
import { runToken } from './token-command.ts';
import { runUser } from './user-command.ts';

const USAGE = `Usage: pharos <command> [options]

Commands:
  start [--config FILE] [--port N] [--role all|web|worker]
                                     start monitoring and serve the status page (web: pages, APIs,
                                     admin; worker: checks and notifications; all: both, the default)
  check-config [FILE]                validate a config file (exit 0 when valid, 1 with each problem's key path and line)
  migrate [--config FILE]            apply database migrations and exit
  schema                             print the config file's JSON Schema
  user add --email E --role R [--name N]
                                     create a user (owner, admin, editor, viewer); the password is read
                                     from a prompt, or from stdin when it is not a terminal
  token create --email E --scopes read,write[,admin] [--expires 30d] [--name N]
                                     create an API token for a user and print it once
  hash-password                      print the hash of a password read from a prompt (or stdin), for a
                                     private page's access.password_hash
  backup --out FILE                  a consistent backup while Pharos runs (SQLite: a copy of the file;
                                     PostgreSQL: gzip'd JSON lines); holds secrets, written with mode 0600
  restore FILE                       restore a backup into the config's store, which must be empty
  export [--out FILE]                monitors, components, groups, pages, maintenances, channels, overrides,
                                     users, API tokens and subscribers as JSON (stdout without --out);
                                     includes password hashes and channel secrets (file mode 0600)
  import FILE                        upsert an export into the config's store (SQLite or PostgreSQL)
  import-from SOURCE … (--out FILE | --into-store)
                                     bring monitors, pages, incidents … over from uptime-kuma (kuma.db or
                                     backup JSON, --with-history), gatus (config YAML), statuspage (page URL,
                                     saved JSON, or --page-id/--api-key) or cachet (URL); prints one line per object
  publish [--out DIR]                the public pages as static files (HTML, api/v2 JSON, feeds, badges,
                                     widget, manifest.json): into DIR, or once to the config's publish: targets

--config defaults to $PHAROS_CONFIG, else ./pharos.yaml; in a clone of the repository without one, the demo's
examples/pharos.yaml (said on stderr).`;

const COMMANDS = {
  start: runStart,
  'check-config': runCheckConfig,
  migrate: runMigrate,
  schema: runSchema,
  user: runUser,
  token: runToken,
  'hash-password': runHashPassword,
  backup: runBackup,
  restore: runRestore,
  export: runExport,
  import: runImport,
  'import-from': runImportFrom,
  // loaded on use: the AWS SDK it brings would slow every other command's start
  publish: async (args) => (await import('./publish-command.ts')).runPublish(args),
} satisfies Record<string, (args: CliArgs) => Promise<number>>;

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
  let values: {
    config?: string;
    port?: string;
    email?: string;
    role?: string;
    name?: string;
    scopes?: string;
    expires?: string;
    out?: string;
    'api-key'?: string;
    'page-id'?: string;
    'api-url'?: string;
    'into-store'?: boolean;
    'with-history'?: boolean;
  };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      options: {
        config: { type: 'string', short: 'c' },
        port: { type: 'string', short: 'p' },
        email: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        scopes: { type: 'string' },
        expires: { type: 'string' },
        out: { type: 'string', short: 'o' },
        'api-key': { type: 'string' },
        'page-id': { type: 'string' },
        'api-url': { type: 'string' },
        'into-store': { type: 'boolean' },
        'with-history': { type: 'boolean' },
      },
      allowPositionals: true,
    }));
  } catch (err) {
    console.error(`pharos ${command}: ${(err as Error).message}`);
    return 2;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    console.error(`pharos ${command}: --port must be a whole number from 0 to 65535, got "${values.port}"`);
    return 2;
  }
  const chosen = chooseConfig(values.config, process.env.PHAROS_CONFIG, existsSync);
  // schema and hash-password read no config
  if (chosen.note && !['schema', 'hash-password'].includes(command)) console.error(`pharos ${command}: ${chosen.note}`);
  const config = chosen.file;
  const { email, role, name, scopes, expires, out } = values;
  return COMMANDS[command as keyof typeof COMMANDS]({
    config,
    port,
    positionals,
    options: {
      email,
      role,
      name,
      scopes,
      expires,
      out,
      'api-key': values['api-key'],
      'page-id': values['page-id'],
      'api-url': values['api-url'],
    },
    flags: { 'into-store': values['into-store'], 'with-history': values['with-history'] },
  });
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
