import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const OPENSSL = '/usr/bin/openssl';

export interface TestKeyPair {
  key: string;
  cert: string;
}

/** Certificates for TLS tests, made with openssl once per process (EC P-256, so it takes a few ms). */
export interface TestCertificates {
  /** PEM of the CA that signed `localhost`, `expired` and `otherHost`; not trusted by default. */
  ca: string;
  /** Valid for two days, for DNS:localhost and IP:127.0.0.1. */
  localhost: TestKeyPair;
  /** Same names, expired since yesterday. */
  expired: TestKeyPair;
  /** Valid, but only for DNS:other.example. */
  otherHost: TestKeyPair;
  /** Valid for localhost/127.0.0.1, signed by its own key (no CA). */
  selfSigned: TestKeyPair;
}

let cached: Promise<TestCertificates> | undefined;

export function testCertificates(): Promise<TestCertificates> {
  cached ??= generate();
  return cached;
}

async function generate(): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'pharos-certs-'));
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => run(OPENSSL, args, { cwd: dir });
  try {
    await openssl(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=Pharos Test CA',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
    );
    await openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'leaf.key');
    await openssl('req', '-new', '-key', 'leaf.key', '-subj', '/CN=localhost', '-out', 'leaf.csr');
    const localNames = 'subjectAltName=DNS:localhost,IP:127.0.0.1';
    await writeFile(file('local.ext'), `${localNames}\n`);
    await writeFile(file('other.ext'), 'subjectAltName=DNS:other.example\n');
    const sign = (serial: string, days: string, ext: string, out: string) =>
      openssl(
        'x509',
        '-req',
        '-in',
        'leaf.csr',
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-set_serial',
        serial,
        '-days',
        days,
        '-extfile',
        ext,
        '-out',
        out,
      );
    await sign('2', '2', 'local.ext', 'localhost.pem');
    // -days -1 puts notAfter a day before notBefore (= now): expired, without faking the clock.
    await sign('3', '-1', 'local.ext', 'expired.pem');
    await sign('4', '2', 'other.ext', 'other.pem');
    await openssl(
      'req',
      '-x509',
      '-key',
      'leaf.key',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      localNames,
      '-out',
      'self.pem',
    );

    const text = (name: string) => readFile(file(name), 'utf8');
    const key = await text('leaf.key');
    return {
      ca: await text('ca.pem'),
      localhost: { key, cert: await text('localhost.pem') },
      expired: { key, cert: await text('expired.pem') },
      otherHost: { key, cert: await text('other.pem') },
      selfSigned: { key, cert: await text('self.pem') },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
