import { CLI_ACTOR } from '../admin/actor.ts';
import { AdminError } from '../admin/admin-error.ts';
import { createToken } from '../admin/api-tokens.ts';
import { InProcessBus } from '../bus/in-process-bus.ts';
import { defaultEgressPolicy } from '../egress/egress-policy.ts';
import { TOKEN_SCOPES, type TokenScope } from '../domain/access.ts';
import { expiresIn } from '../http/admin/routes/common-schemas.ts';
import type { CliArgs } from './cli-args.ts';
import { cliErrorText } from './cli-error-text.ts';
import { OFFLINE_RUNTIME } from './user-command.ts';
import { withStore } from './with-store.ts';

/** pharos token create --email E --scopes read,write [--expires 30d] [--name N]: prints the token once. */
export async function runToken(args: CliArgs): Promise<number> {
  if (args.positionals[0] !== 'create') {
    console.error(
      'usage: pharos token create --email E --scopes read,write[,admin] [--expires 30d] [--name N] [--config FILE]',
    );
    return 2;
  }
  const { email, scopes, expires, name } = args.options;
  if (!email) return fail('--email is required', 2);
  const list = (scopes ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0 || list.some((s) => !(TOKEN_SCOPES as readonly string[]).includes(s)))
    return fail(`--scopes must list some of ${TOKEN_SCOPES.join(', ')}`, 2);
  let expiresInMs: number | null = null;
  if (expires !== undefined) {
    const parsed = expiresIn.safeParse(expires);
    if (!parsed.success) return fail(`--expires: ${parsed.error.issues[0]!.message}`, 2);
    expiresInMs = parsed.data;
  }
  return withStore(args.config, async (store) => {
    const user = await store.admin.getUserByEmail(email.trim().toLowerCase());
    if (!user) return fail(`no user with the email ${email}`, 1);
    try {
      const made = await createToken(
        {
          actor: { ...CLI_ACTOR, label: `cli for ${user.email}` },
          store,
          bus: new InProcessBus(),
          runtime: OFFLINE_RUNTIME,
          egress: defaultEgressPolicy(),
          now: Date.now,
        },
        {
          name: name ?? `cli ${new Date().toISOString().slice(0, 10)}`,
          scopes: list as TokenScope[],
          expiresInMs,
          userId: user.id,
        },
      );
      console.log(made.token);
      console.error(
        `token ${made.info.id} for ${user.email}, scopes ${made.info.scopes.join(',')}, ${made.info.expires_at ? `expires ${made.info.expires_at}` : 'does not expire'}; it is shown only now`,
      );
      return 0;
    } catch (err) {
      if (err instanceof AdminError) return fail(cliErrorText(err.message), 1);
      throw err;
    }
  });
}

function fail(message: string, code: number): number {
  console.error(`pharos token create: ${message}`);
  return code;
}
