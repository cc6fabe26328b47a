import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import tls from 'node:tls';
import { testCertificates, type TestCertificates } from '../../test/support/test-certificates.ts';
import { egressSchema } from '../config/egress-schema.ts';
import { EgressDeniedError } from './egress-denied-error.ts';
import { createEgressPolicy } from './egress-policy.ts';
import { ConnectFailedError, connectGuarded, openGuardedSocket } from './guarded-connect.ts';
import type { LookupAll } from './guarded-lookup.ts';

const strict = createEgressPolicy(egressSchema.parse({ deny_private: true }));
const apiGuard = strict.guardFor('api');
const configGuard = strict.guardFor('config');

/** A resolver that answers every name with these addresses. */
const resolvingTo =
  (...addresses: string[]): LookupAll =>
  async () =>
    addresses.map((address) => ({ address, family: net.isIP(address) }));

interface Listening {
  port: number;
  accepted: number;
  /** SNI names the TLS server was asked for */
  servernames: (string | false)[];
  close(): Promise<void>;
}

async function listen(server: net.Server, track: Listening): Promise<Listening> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  track.port = (server.address() as net.AddressInfo).port;
  track.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return track;
}

function plainServer(): Promise<Listening> {
  const track = { port: 0, accepted: 0, servernames: [], close: async () => undefined } as Listening;
  const server = net.createServer((socket) => {
    track.accepted++;
    socket.on('error', () => undefined);
    socket.end('220 hello\r\n');
  });
  return listen(server, track);
}

function tlsServer(pair: { key: string; cert: string }): Promise<Listening> {
  const track = { port: 0, accepted: 0, servernames: [], close: async () => undefined } as Listening;
  const server = tls.createServer({ key: pair.key, cert: pair.cert }, (socket) => {
    track.servernames.push((socket as tls.TLSSocket & { servername: string | false }).servername);
    socket.on('error', () => undefined);
    socket.end('hello\n');
  });
  server.on('connection', () => track.accepted++);
  server.on('tlsClientError', () => undefined);
  return listen(server, track);
}

async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

let certs: TestCertificates;
let plain: Listening;
let other: Listening;

before(async () => {
  certs = await testCertificates();
  plain = await plainServer();
  other = await tlsServer(certs.otherHost);
});
after(async () => {
  await Promise.all([plain.close(), other.close()]);
});

describe('connectGuarded', () => {
  test('a literal loopback address is refused for an API target before any connection (plain and bracketed IPv6)', async () => {
    for (const host of ['127.0.0.1', '[::1]', '::ffff:127.0.0.1']) {
      await assert.rejects(connectGuarded({ host, port: plain.port }, apiGuard), (err: unknown) => {
        assert.ok(err instanceof EgressDeniedError, host);
        assert.match(err.message, /^refused by the egress policy: .* is a loopback address \(egress\.deny_private/);
        return true;
      });
    }
    assert.equal(plain.accepted, 0);
    assert.throws(
      () => openGuardedSocket({ host: '169.254.169.254', port: 80 }, configGuard),
      /cloud metadata address/,
    );
  });

  test('a name is judged on every address it resolves to, and refused when one is denied', async () => {
    const before = plain.accepted;
    await assert.rejects(
      connectGuarded({ host: 'mail.example', port: plain.port, resolve: resolvingTo('127.0.0.1') }, apiGuard),
      EgressDeniedError,
    );
    await assert.rejects(
      connectGuarded(
        { host: 'mail.example', port: plain.port, resolve: resolvingTo('127.0.0.1', '169.254.169.254') },
        configGuard,
      ),
      /169\.254\.169\.254 is a cloud metadata address/,
    );
    assert.equal(plain.accepted, before);
  });

  test('an allowed name connects to the address that was checked', async () => {
    const socket = await connectGuarded(
      { host: 'mail.example', port: plain.port, resolve: resolvingTo('127.0.0.1') },
      configGuard,
    );
    assert.equal(socket.remoteAddress, '127.0.0.1');
    socket.destroy();
  });

  test('TLS: connects to the checked address, sends the name as SNI and verifies the certificate against the name', async () => {
    const socket = await connectGuarded(
      { host: 'other.example', port: other.port, resolve: resolvingTo('127.0.0.1'), tls: { ca: certs.ca } },
      configGuard,
    );
    assert.equal(socket.remoteAddress, '127.0.0.1');
    assert.equal((socket as tls.TLSSocket).authorized, true);
    await waitFor(() => other.servernames.length > 0);
    assert.deepEqual(other.servernames, ['other.example']);
    socket.destroy();
    // the same server under another name: the certificate does not match it
    await assert.rejects(
      connectGuarded(
        { host: 'mail.example', port: other.port, resolve: resolvingTo('127.0.0.1'), tls: { ca: certs.ca } },
        configGuard,
      ),
      (err: unknown) => {
        assert.ok(!(err instanceof ConnectFailedError));
        assert.match(String(err), /mail\.example/);
        return true;
      },
    );
  });

  test('nothing listening: one message, whatever the errno (no port-scanning oracle)', async () => {
    const closed = await plainServer();
    await closed.close();
    await assert.rejects(
      connectGuarded({ host: '127.0.0.1', port: closed.port, timeoutMs: 5_000 }, configGuard),
      (err: unknown) => {
        assert.ok(err instanceof ConnectFailedError);
        assert.equal(err.message, `could not connect to 127.0.0.1:${closed.port}`);
        assert.equal((err.cause as NodeJS.ErrnoException).code, 'ECONNREFUSED');
        return true;
      },
    );
  });

  test('a TLS handshake that never finishes times out, told apart from not connecting at all', async () => {
    // reads (so that it sees the client go away) and never answers
    const silent = net.createServer((socket) => socket.on('error', () => undefined).resume());
    const track = await listen(silent, { port: 0, accepted: 0, servernames: [], close: async () => undefined });
    try {
      await assert.rejects(
        connectGuarded({ host: '127.0.0.1', port: track.port, tls: {}, timeoutMs: 200 }, configGuard),
        /^Error: TLS handshake timed out after 200 ms$/,
      );
    } finally {
      await track.close();
    }
  });

  test('an aborted signal stops the connect', async () => {
    await assert.rejects(
      connectGuarded(
        { host: '127.0.0.1', port: plain.port, signal: AbortSignal.abort(new Error('shutting down')) },
        configGuard,
      ),
      /shutting down/,
    );
  });
});
