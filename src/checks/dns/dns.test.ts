import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { after, before, describe, test } from 'node:test';
import { checkContext } from '../../../test/support/checks-context.ts';
import { startDnsTestServer, type DnsTestServer } from '../../../test/support/dns-test-server.ts';
import type { Probe } from '../../domain/probe.ts';
import { dnsCheck } from './index.ts';
import { dnsCheckFields } from './schema.ts';

let server: DnsTestServer;

before(async () => {
  server = await startDnsTestServer({
    zone: {
      'example.test': {
        A: ['192.0.2.1', '192.0.2.2'],
        AAAA: ['2001:db8::1'],
        MX: [{ preference: 10, exchange: 'mail.example.test' }],
        TXT: ['v=spf1 -all', ['part one, ', 'part two']],
        NS: ['ns1.example.test', 'ns2.example.test'],
      },
      'www.example.test': { CNAME: 'example.test' },
      'big.example.test': { A: ['192.0.2.9'] },
      'late.example.test': { A: ['192.0.2.7'] },
    },
    rcodes: { 'broken.example.test': 'SERVFAIL', 'private.example.test': 'REFUSED' },
    truncated: ['big.example.test'],
    silent: ['silent.example.test'],
    wrongIdFirst: ['late.example.test'],
  });
});
after(() => server.close());

function check(fields: Record<string, unknown>, timeoutMs = 2000): Promise<Probe | null> {
  const config = dnsCheckFields.parse({ type: 'dns', resolver: server.resolver, ...fields });
  return dnsCheck.run(config, checkContext({ timeoutMs }));
}

describe('dns check: answers', () => {
  const rows: { name: string; query: string; record_type: string; answers: string[]; ip?: string }[] = [
    { name: 'A', query: 'example.test', record_type: 'A', answers: ['192.0.2.1', '192.0.2.2'], ip: '192.0.2.1' },
    { name: 'AAAA', query: 'example.test', record_type: 'AAAA', answers: ['2001:db8::1'], ip: '2001:db8::1' },
    { name: 'CNAME', query: 'www.example.test', record_type: 'CNAME', answers: ['example.test'] },
    {
      name: 'A through a CNAME',
      query: 'www.example.test',
      record_type: 'A',
      answers: ['example.test', '192.0.2.1', '192.0.2.2'],
      ip: '192.0.2.1',
    },
    { name: 'MX', query: 'example.test', record_type: 'MX', answers: ['10 mail.example.test'] },
    {
      name: 'TXT (multi-string records joined)',
      query: 'example.test',
      record_type: 'TXT',
      answers: ['v=spf1 -all', 'part one, part two'],
    },
    { name: 'NS', query: 'example.test', record_type: 'NS', answers: ['ns1.example.test', 'ns2.example.test'] },
  ];
  for (const row of rows) {
    test(row.name, async () => {
      const probe = await check({ query: row.query, record_type: row.record_type });
      assert.equal(probe?.error, undefined);
      assert.equal(probe?.connected, true);
      assert.equal(probe?.dnsRcode, 'NOERROR');
      assert.deepEqual(probe?.dnsAnswers, row.answers);
      assert.equal(probe?.ip, row.ip);
      assert.ok(probe !== null && probe.responseTimeMs >= 0 && probe.responseTimeMs < 1000);
    });
  }
});

describe('dns check: response codes are facts, not errors', () => {
  const rows = [
    { query: 'missing.example.test', rcode: 'NXDOMAIN' },
    { query: 'broken.example.test', rcode: 'SERVFAIL' },
    { query: 'private.example.test', rcode: 'REFUSED' },
  ];
  for (const row of rows) {
    test(row.rcode, async () => {
      const probe = await check({ query: row.query });
      assert.equal(probe?.error, undefined);
      assert.equal(probe?.connected, true);
      assert.equal(probe?.dnsRcode, row.rcode);
      assert.deepEqual(probe?.dnsAnswers, []);
      assert.equal(probe?.ip, undefined);
    });
  }
});

describe('dns check: transport', () => {
  test('a truncated UDP answer is asked again over TCP', async () => {
    const before = server.queries.tcp;
    const probe = await check({ query: 'big.example.test' });
    assert.deepEqual(probe?.dnsAnswers, ['192.0.2.9']);
    assert.equal(probe?.details?.transport, 'tcp');
    assert.equal(server.queries.tcp - before, 1);
  });

  test('a response with another id is ignored, the matching one is used', async () => {
    const probe = await check({ query: 'late.example.test' });
    assert.equal(probe?.error, undefined);
    assert.deepEqual(probe?.dnsAnswers, ['192.0.2.7']);
  });

  test('no answer times out', async () => {
    const probe = await check({ query: 'silent.example.test' }, 150);
    assert.equal(probe?.connected, false);
    assert.equal(probe?.error, 'timeout after 150 ms');
    assert.equal(probe?.dnsRcode, undefined);
  });

  test('a closed port fails fast with the ICMP refusal', async () => {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const { port } = socket.address();
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    const probe = await check({ query: 'example.test', resolver: `127.0.0.1:${port}` }, 1500);
    assert.equal(probe?.connected, false);
    assert.equal(probe?.error, `udp ECONNREFUSED 127.0.0.1:${port}`);
  });

  test('a resolver with a bad port is an error, not a throw', async () => {
    const probe = await check({ query: 'example.test', resolver: '127.0.0.1:99999' });
    assert.equal(probe?.error, 'invalid resolver "127.0.0.1:99999": bad port');
  });
});
