import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import tls from 'node:tls';
import { checkContext } from '../../../test/support/checks-context.ts';
import { testCertificates, type TestCertificates, type TestKeyPair } from '../../../test/support/test-certificates.ts';
import type { Probe } from '../../domain/probe.ts';
import { tlsCheck } from './index.ts';
import { tlsCheckFields } from './schema.ts';

interface Listening {
  port: number;
  /** Connections the server still holds open. */
  open(): number;
  close(): Promise<void>;
}

async function listen(server: net.Server): Promise<Listening> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    open: () => sockets.size,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const tlsServer = (pair: TestKeyPair) =>
  listen(tls.createServer({ key: pair.key, cert: pair.cert }, (socket) => socket.on('error', () => undefined)));

let certs: TestCertificates;
const servers = {} as Record<'localhost' | 'expired' | 'otherHost' | 'selfSigned' | 'silent', Listening>;

before(async () => {
  certs = await testCertificates();
  servers.localhost = await tlsServer(certs.localhost);
  servers.expired = await tlsServer(certs.expired);
  servers.otherHost = await tlsServer(certs.otherHost);
  servers.selfSigned = await tlsServer(certs.selfSigned);
  servers.silent = await listen(net.createServer((socket) => socket.resume()));
});
after(() => Promise.all(Object.values(servers).map((server) => server.close())));

async function check(
  server: keyof typeof servers,
  fields: Record<string, unknown> = {},
  timeoutMs = 2000,
): Promise<Probe> {
  const config = tlsCheckFields.parse({ type: 'tls', host: '127.0.0.1', port: servers[server].port, ...fields });
  const probe = await tlsCheck.run(config, checkContext({ timeoutMs }));
  assert.ok(probe);
  return probe;
}

describe('tls check: a good certificate', () => {
  test('trusted through the extra CA: no error, the certificate described', async () => {
    const probe = await check('localhost', { ca: certs.ca });
    assert.equal(probe.error, undefined);
    assert.equal(probe.connected, true);
    assert.equal(probe.ip, '127.0.0.1');
    const inTwoDays = probe.startedAt + 2 * 86_400_000;
    assert.ok(probe.certificateExpiresAt !== undefined && Math.abs(probe.certificateExpiresAt - inTwoDays) < 120_000);
    const x509 = new X509Certificate(certs.localhost.cert);
    assert.deepEqual(
      { ...probe.details, protocol: undefined },
      {
        authorized: true,
        authorizationError: undefined,
        protocol: undefined,
        subject: 'CN=localhost',
        issuer: 'CN=Pharos Test CA',
        validFrom: new Date(x509.validFrom).toISOString(),
        validTo: new Date(x509.validTo).toISOString(),
        fingerprint256: x509.fingerprint256,
        altNames: 'DNS:localhost, IP Address:127.0.0.1',
      },
    );
    assert.equal(typeof probe.timings?.tls, 'number');
  });

  test('a servername is sent as SNI and checked against the certificate', async () => {
    const probe = await check('localhost', { ca: certs.ca, servername: 'localhost' });
    assert.equal(probe.error, undefined);
  });
});

describe('tls check: bad certificates', () => {
  const rows: {
    name: string;
    server: keyof typeof servers;
    fields: Record<string, unknown>;
    error: string | RegExp;
  }[] = [
    { name: 'untrusted chain', server: 'localhost', fields: {}, error: 'unable to verify the first certificate' },
    { name: 'expired', server: 'expired', fields: { ca: 'CA' }, error: 'certificate has expired' },
    {
      name: 'hostname mismatch',
      server: 'otherHost',
      fields: { ca: 'CA' },
      error: /^Hostname\/IP does not match certificate's altnames: IP: 127\.0\.0\.1 is not in the cert's list/,
    },
    {
      name: 'servername mismatch',
      server: 'localhost',
      fields: { ca: 'CA', servername: 'other.example' },
      error:
        /^Hostname\/IP does not match certificate's altnames: Host: other\.example\. is not in the cert's altnames: DNS:localhost/,
    },
    { name: 'self-signed', server: 'selfSigned', fields: {}, error: 'self-signed certificate' },
  ];
  for (const row of rows) {
    test(`${row.name}: an error while verify is on, the certificate still read`, async () => {
      const fields = row.fields.ca ? { ...row.fields, ca: certs.ca } : row.fields;
      const probe = await check(row.server, fields);
      assert.equal(probe.connected, true);
      if (typeof row.error === 'string') assert.equal(probe.error, row.error);
      else assert.match(probe.error ?? '', row.error);
      assert.equal(probe.details?.authorized, false);
      assert.equal(probe.details?.authorizationError, probe.error);
      assert.equal(typeof probe.certificateExpiresAt, 'number');
    });

    test(`${row.name}: accepted with verify off, the problem kept in details`, async () => {
      const fields = row.fields.ca ? { ...row.fields, ca: certs.ca } : row.fields;
      const probe = await check(row.server, { ...fields, verify: false });
      assert.equal(probe.error, undefined);
      assert.equal(probe.details?.authorized, false);
      assert.ok(probe.details?.authorizationError);
    });
  }

  test('an expired certificate expires before the check started ([CERTIFICATE_EXPIRATION] < 0)', async () => {
    const probe = await check('expired', { verify: false });
    assert.ok(probe.certificateExpiresAt !== undefined && probe.certificateExpiresAt < probe.startedAt);
  });
});

describe('tls check: failures to connect', () => {
  test('connection refused', async () => {
    const closed = await listen(net.createServer());
    await closed.close();
    const config = tlsCheckFields.parse({ type: 'tls', host: '127.0.0.1', port: closed.port });
    const probe = await tlsCheck.run(config, checkContext());
    assert.equal(probe?.connected, false);
    assert.equal(probe?.error, `connect ECONNREFUSED 127.0.0.1:${closed.port}`);
  });

  test('a server that never answers the handshake times out', async () => {
    const probe = await check('silent', {}, 150);
    assert.equal(probe.connected, false);
    assert.equal(probe.error, 'timeout after 150 ms');
    assert.equal(typeof probe.timings?.connect, 'number');
  });
});

describe('tls check: config', () => {
  test('a ca that is not a PEM certificate is refused by the schema (Node would ignore it silently)', () => {
    const parse = (ca: string) => tlsCheckFields.safeParse({ type: 'tls', host: 'example.com', ca }).success;
    assert.equal(parse('not a certificate'), false);
    assert.equal(parse('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'), false);
    assert.equal(parse(certs.ca), true);
    assert.equal(parse(certs.ca + certs.localhost.cert), true);
  });
});

test('tls check: no check leaves a connection open', async () => {
  await sleep(50);
  assert.deepEqual(
    Object.values(servers).map((server) => server.open()),
    [0, 0, 0, 0, 0],
  );
});
