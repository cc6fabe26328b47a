import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientKey } from './client-key.ts';

test('clientKey: IPv4 as is, IPv6 by its /64, mapped IPv4 as IPv4, nothing as one key', () => {
  const rows: [string | null, string][] = [
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:DB8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
    [null, 'unknown'],
    ['', 'unknown'],
    ['not-an-address', 'unknown'],
  ];
  for (const [ip, key] of rows) assert.equal(clientKey(ip), key, String(ip));
});

test('clientKey: every address of one /64 is one client; the next /64 is another', () => {
  assert.equal(clientKey('2001:db8:aa:bb:1::1'), clientKey('2001:db8:aa:bb:ffff:ffff:ffff:ffff'));
  assert.notEqual(clientKey('2001:db8:aa:bb::1'), clientKey('2001:db8:aa:bc::1'));
});
