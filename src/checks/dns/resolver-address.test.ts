import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstNameserver, parseResolverAddress } from './resolver-address.ts';

test('resolver addresses: host, host:port, IPv6 with and without brackets', () => {
  const rows: [string, { host: string; port: number }][] = [
    ['1.1.1.1', { host: '1.1.1.1', port: 53 }],
    ['1.1.1.1:5353', { host: '1.1.1.1', port: 5353 }],
    ['dns.example:54', { host: 'dns.example', port: 54 }],
    ['dns.example', { host: 'dns.example', port: 53 }],
    ['::1', { host: '::1', port: 53 }],
    ['2001:db8::53', { host: '2001:db8::53', port: 53 }],
    ['[::1]:5353', { host: '::1', port: 5353 }],
    ['[::1]', { host: '::1', port: 53 }],
  ];
  for (const [text, expected] of rows) assert.deepEqual(parseResolverAddress(text), expected, text);
  assert.throws(() => parseResolverAddress('1.1.1.1:0'), /bad port/);
  assert.throws(() => parseResolverAddress('1.1.1.1:x'), /bad port/);
});

test('the first nameserver of resolv.conf', () => {
  assert.equal(firstNameserver('# generated\nsearch lan\nnameserver 10.0.0.53\nnameserver 10.0.0.54\n'), '10.0.0.53');
  assert.equal(firstNameserver('  nameserver\t::1\n'), '::1');
  assert.equal(firstNameserver('search lan\n'), undefined);
});
