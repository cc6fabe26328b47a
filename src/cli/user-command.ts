import { AdminError } from '../admin/admin-error.ts';
import { CLI_ACTOR } from '../admin/actor.ts';
import type { AdminRuntime } from '../admin/admin-runtime.ts';
import { InProcessBus } from '../bus/in-process-bus.ts';
import { defaultEgressPolicy } from '../egress/egress-policy.ts';
import { createUser } from '../admin/users.ts';
import { ROLES, type Role } from '../domain/access.ts';
import type { CliArgs } from './cli-args.ts';
import { cliErrorText } from './cli-error-text.ts';
import { readPassword } from './read-password.ts';
import { withStore } from './with-store.ts';

/** The CLI changes the store directly; a running Pharos sees users on their next request. */
export const OFFLINE_RUNTIME: AdminRuntime = {
  catalogChanged: async () => {},
  incidentChanged: async () => {},
  runMonitorNow: async () => null,
  testMonitor: async () => null,
  testChannel: async () => ({ ok: false, retryable: false, error: 'Pharos is not running in this process' }),
  deliveriesQueued: async () => {},
};

/** pharos user add --email E --role R [--name N]: the first owner, or anyone, without the web UI. */
export async function runUser(args: CliArgs): Promise<number> {
  const [sub] = args.positionals;
  if (sub !== 'add') {
    console.error('usage: pharos user add --email E --role owner|admin|editor|viewer [--name N] [--config FILE]');
    return 2;
  }
  const { email, role, name } = args.options;
  if (!email) return usage('--email is required');
  if (!role || !(ROLES as readonly string[]).includes(role)) return usage(`--role must be one of ${ROLES.join(', ')}`);
  const password = await readPassword(`Password for ${email}: `);
  return withStore(args.config, async (store) => {
    try {
      const user = await createUser(
        {
          actor: CLI_ACTOR,
          store,
          bus: new InProcessBus(),
          runtime: OFFLINE_RUNTIME,
          egress: defaultEgressPolicy(),
          now: Date.now,
        },
        { email, role: role as Role, name, password },
      );
      console.log(`created ${user.role} ${user.email} (id ${user.id})`);
      return 0;
    } catch (err) {
      if (err instanceof AdminError) {
        console.error(`pharos user add: ${cliErrorText(err.message)}`);
        return 1;
      }
      throw err;
    }
  });
}

function usage(message: string): number {
  console.error(`pharos user add: ${message}`);
  return 2;
}
