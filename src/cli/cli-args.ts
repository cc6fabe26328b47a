/** What `pharos <command>` hands a command: the parsed flags (kept apart from main.ts, which runs the CLI on import). */
export interface CliArgs {
  config: string;
  port?: number;
  positionals: string[];
  /** command-specific options (--email, --role, --name, --scopes, --expires, --out, import-from's --api-key …) */
  options: Partial<
    Record<'email' | 'role' | 'name' | 'scopes' | 'expires' | 'out' | 'api-key' | 'page-id' | 'api-url', string>
  >;
  /** command-specific switches (import-from's --into-store, --with-history) */
  flags?: Partial<Record<'into-store' | 'with-history', boolean>>;
}
