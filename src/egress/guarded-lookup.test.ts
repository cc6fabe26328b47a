import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { egressSchema } from '../config/egress-schema.ts';
import { EgressDeniedError } from './egress-denied-error.ts';
import { createEgressPolicy } from './egress-policy.ts';
import { assertHostAllowed, deniedLiteralHost, guardedLookup, type LookupAll } from './guarded-lookup.ts';

const strict = createEgressPolicy(egressSchema.parse({ deny_private: true }));
const apiGuard = strict.guardFor('api');
const configGuard = strict.guardFor('config');

type LookupResult = { err: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number };

function lookupWith(lookup: net.LookupFunction, hostname: string, all: boolean): Promise<LookupResult> {
  return new Promise((resolve) =>
    lookup(hostname, { all }, (err, address, family) => resolve({ err, address, family })),
  );
}

/** A resolver that answers each name with the next entry of its list (the last one sticks): DNS rebinding. */
function rebindingResolver(answers: string[][]): LookupAll & { calls: number } {
  const resolve = Object.assign(
    async () => {
      const answer = answers[Math.min(resolve.calls, answers.length - 1)] ?? [];
      resolve.calls++;
      return answer.map((address) => ({ address, family: net.isIP(address) }));
    },
    { calls: 0 },
  );
  return resolve;
}

describe('guardedLookup', () => {
  test('refuses localhost (loopback) for an API target under deny_private, with the reason', async () => {
    const { err } = await lookupWith(guardedLookup(apiGuard), 'localhost', true);
    assert.ok(err instanceof EgressDeniedError);
    assert.equal(err.code, 'egress_denied');
    assert.match(err.message, /^refused by the egress policy: (127\.0\.0\.1|::1) is a loopback address/);
  });

  test('resolves localhost for a config target, one address or all', async () => {
    const all = await lookupWith(guardedLookup(configGuard), 'localhost', true);
    assert.equal(all.err, null);
    assert.ok(Array.isArray(all.address) && all.address.length > 0);
    const one = await lookupWith(guardedLookup(configGuard), 'localhost', false);
    assert.equal(one.err, null);
    assert.equal(typeof one.address, 'string');
    assert.ok(one.family === 4 || one.family === 6);
  });

  test('refuses a name when any of its addresses is denied', async () => {
    const resolve = rebindingResolver([['93.184.216.34', '169.254.169.254']]);
    const { err } = await lookupWith(guardedLookup(configGuard, resolve), 'mixed.example', true);
    assert.ok(err instanceof EgressDeniedError);
    assert.match(err.message, /169\.254\.169\.254 is a cloud metadata address/);
  });

  test('passes a resolver error through', async () => {
    const resolve: LookupAll = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), { code: 'ENOTFOUND' });
    };
    const { err } = await lookupWith(guardedLookup(configGuard, resolve), 'nowhere.invalid', true);
    assert.equal(err?.code, 'ENOTFOUND');
  });

  test('a literal that reaches it is judged too', async () => {
    const { err } = await lookupWith(guardedLookup(configGuard), '169.254.169.254', false);
    assert.ok(err instanceof EgressDeniedError);
  });

  test('rebinding: a name that passed at creation and now resolves to loopback is refused at connect', async () => {
    const resolve = rebindingResolver([['93.184.216.34'], ['127.0.0.1']]);
    await assertHostAllowed(apiGuard, 'rebind.example', resolve);
    const { err } = await lookupWith(guardedLookup(apiGuard, resolve), 'rebind.example', true);
    assert.ok(err instanceof EgressDeniedError);
    assert.match(err.message, /127\.0\.0\.1 is a loopback address/);
  });
});

describe('guardedLookup under net.connect', () => {
  let server: net.Server;
  let port = 0;
  const accepted: string[] = [];
  before(async () => {
    server = net.createServer((socket) => {
      accepted.push(socket.remoteAddress ?? '');
      socket.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function connect(host: string, lookup: net.LookupFunction): Promise<{ error?: Error; remote?: string }> {
    return new Promise((resolve) => {
      const socket = net.connect({ host, port, lookup });
      socket.once('connect', () => {
        resolve({ remote: socket.remoteAddress });
        socket.destroy();
      });
      socket.once('error', (error) => resolve({ error }));
    });
  }

  test('connects to the very address the resolver answered and the guard passed, asking once', async () => {
    const resolve = rebindingResolver([['127.0.0.1'], ['169.254.169.254']]);
    const { error, remote } = await connect('pinned.example', guardedLookup(configGuard, resolve));
    assert.equal(error, undefined);
    assert.equal(remote, '127.0.0.1');
    assert.equal(resolve.calls, 1);
  });

  test('a refused name never connects, and the socket error is the denial', async () => {
    const before = accepted.length;
    const { error } = await connect('localhost', guardedLookup(apiGuard));
    assert.ok(error instanceof EgressDeniedError);
    assert.match(error.message, /loopback address/);
    assert.equal(accepted.length, before);
  });
});

describe('deniedLiteralHost and assertHostAllowed', () => {
  const rows: [host: string, denied: boolean][] = [
    ['127.0.0.1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['8.8.8.8', false],
    ['localhost', false], // a name: its lookup is guarded
  ];
  for (const [host, denied] of rows) {
    test(`literal ${host}: ${denied ? 'refused' : 'not refused here'}`, () => {
      assert.equal(deniedLiteralHost(apiGuard, host) !== null, denied);
    });
  }

  test('assertHostAllowed throws for a literal or a name resolving to a denied address', async () => {
    await assert.rejects(
      assertHostAllowed(apiGuard, '[::1]'),
      (err: unknown) => err instanceof EgressDeniedError && /::1 is a loopback/.test(err.message),
    );
    await assert.rejects(assertHostAllowed(apiGuard, 'localhost'), EgressDeniedError);
    await assert.rejects(
      assertHostAllowed(configGuard, 'imds.example', rebindingResolver([['fd00:ec2::254']])),
      /cloud metadata address/,
    );
  });

  test('assertHostAllowed passes allowed targets and names that do not resolve', async () => {
    await assertHostAllowed(configGuard, 'localhost');
    await assertHostAllowed(apiGuard, '1.1.1.1');
    await assertHostAllowed(apiGuard, 'public.example', rebindingResolver([['93.184.216.34']]));
    await assertHostAllowed(apiGuard, 'nowhere.invalid', async () => {
      throw new Error('getaddrinfo ENOTFOUND nowhere.invalid');
    });
  });
});
