/** What `pharos <command>` hands a command: the parsed flags (kept apart from main.ts, which runs the CLI on import). */
export interface CliArgs {
  config: string;
  port?: number;
  positionals: string[];
  /** command-specific options (--email, --role, --name, --scopes, --expires, --out) */
  options: Partial<Record<'email' | 'role' | 'name' | 'scopes' | 'expires' | 'out', string>>;
}
