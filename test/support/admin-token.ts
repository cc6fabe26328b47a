import { CLI_ACTOR } from '../../src/admin/actor.ts';
import { createToken } from '../../src/admin/api-tokens.ts';
import type { ServiceContext } from '../../src/admin/service-context.ts';
import { createUser } from '../../src/admin/users.ts';
import type { PharosConfig } from '../../src/config/schema.ts';
import { createEgressPolicy } from '../../src/egress/egress-policy.ts';
import type { RunningPharos } from '../../src/runtime/start-pharos.ts';

/** An admin user made as the CLI makes one, and a read/write API token of theirs for the test's HTTP calls. */
export async function adminToken(pharos: RunningPharos, config: PharosConfig, name: string): Promise<string> {
  const cli: ServiceContext = {
    actor: CLI_ACTOR,
    store: pharos.store,
    bus: pharos.bus,
    runtime: pharos.admin,
    egress: createEgressPolicy(config.egress),
    now: Date.now,
  };
  const user = await createUser(cli, {
    email: 'ops@acme.test',
    role: 'admin',
    password: 'correct horse battery staple 42',
  });
  return (await createToken(cli, { name, scopes: ['read', 'write'], userId: user.id })).token;
}
