/** The option (or prompt) a command took each API field from: an error names what the person typed. */
const OPTION_OF: Record<string, string> = {
  email: '--email',
  role: '--role',
  name: '--name',
  scopes: '--scopes',
  expires_in: '--expires',
  password: 'the password',
  user_id: '--email',
};

/**
 * An admin service's message in the CLI's words: "body.password: too short" becomes "the password: too short",
 * "body.scopes: …" becomes "--scopes: …"; the API's internal paths never reach the terminal.
 */
export function cliErrorText(message: string): string {
  return message.replace(/\bbody\.([a-z_]+)(?:\.\d+)*/g, (whole, field: string) => OPTION_OF[field] ?? field);
}
