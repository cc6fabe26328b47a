import { checkPasswordStrength, hashPassword } from '../auth/password.ts';
import type { CliArgs } from './cli-args.ts';
import { readPassword } from './read-password.ts';

/**
 * pharos hash-password: reads a password (prompt, or the first line of stdin) and prints its scrypt hash, for a
 * private page's `access.password_hash`. The password itself never goes into the config.
 */
export async function runHashPassword(_args: CliArgs): Promise<number> {
  const password = await readPassword('Password: ');
  const problem = checkPasswordStrength(password);
  if (problem) {
    console.error(`pharos hash-password: ${problem}`);
    return 1;
  }
  console.log(await hashPassword(password));
  return 0;
}
