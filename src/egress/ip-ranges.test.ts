import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCidr } from './cidr-list.ts';
import { ipv6Words, parseIpAddress } from './ip-address.ts';
import { classifyAddress, type AddressClass } from './ip-ranges.ts';

const rows: [address: string, expected: AddressClass, label?: string][] = [
  // cloud metadata hosts
  ['169.254.169.254', 'metadata', 'a cloud metadata address'],
  ['169.254.170.2', 'metadata', 'a cloud metadata address'],
  ['169.254.170.23', 'metadata', 'a cloud metadata address'],
  ['100.100.100.200', 'metadata', 'a cloud metadata address'],
  ['192.0.0.192', 'metadata', 'a cloud metadata address'],
  ['fd00:ec2::254', 'metadata', 'a cloud metadata address'],
  ['FD00:EC2:0:0:0:0:0:254', 'metadata', 'a cloud metadata address'],
  ['fd00:ec2::23', 'metadata', 'a cloud metadata address'],
  // link-local counts as metadata
  ['169.254.0.1', 'metadata', 'a link-local address (where cloud metadata services live)'],
  ['169.254.169.253', 'metadata'],
  ['169.254.255.255', 'metadata'],
  ['fe80::1', 'metadata'],
  ['fe80::1%eth0', 'metadata'],
  ['febf:ffff::1', 'metadata'],
  // IPv6 carrying a metadata IPv4
  ['::ffff:169.254.169.254', 'metadata'],
  ['::ffff:a9fe:a9fe', 'metadata'],
  ['0:0:0:0:0:ffff:169.254.169.254', 'metadata'],
  ['[::ffff:169.254.169.254]', 'metadata'],
  ['::ffff:0:169.254.169.254', 'metadata'],
  ['64:ff9b::169.254.169.254', 'metadata'],
  ['64:ff9b::a9fe:a9fe', 'metadata'],
  ['2002:a9fe:a9fe::1', 'metadata'],
  ['::169.254.169.254', 'metadata'],
  ['::ffff:100.100.100.200', 'metadata'],
  // loopback
  ['127.0.0.1', 'loopback', 'a loopback address'],
  ['127.1.2.3', 'loopback'],
  ['127.255.255.255', 'loopback'],
  ['::1', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['64:ff9b::127.0.0.1', 'loopback'],
  ['::127.0.0.1', 'loopback'],
  // private and otherwise not public
  ['10.0.0.1', 'private', 'a private address'],
  ['10.255.255.255', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['100.64.0.1', 'private', 'a carrier-grade NAT address'],
  ['100.127.255.255', 'private'],
  ['0.0.0.0', 'private', 'an unspecified address (this host)'],
  ['0.1.2.3', 'private'],
  ['::', 'private', 'an unspecified address (this host)'],
  ['fc00::1', 'private', 'a private address'],
  ['fd12:3456::1', 'private'],
  ['fec0::1', 'private'],
  ['224.0.0.1', 'private', 'a multicast address'],
  ['239.255.255.250', 'private'],
  ['ff02::1', 'private', 'a multicast address'],
  ['255.255.255.255', 'private', 'a broadcast address'],
  ['240.0.0.1', 'private', 'a reserved address'],
  ['198.18.0.1', 'private', 'a reserved address'],
  ['192.0.2.10', 'private', 'a reserved address'],
  ['2001:db8::1', 'private', 'a reserved address'],
  ['::ffff:10.1.2.3', 'private'],
  ['::ffff:192.168.0.1', 'private'],
  ['64:ff9b::10.0.0.1', 'private'],
  ['2002:c0a8:101::', 'private'],
  ['::8.8.8.8', 'private'],
  // public
  ['8.8.8.8', 'public', 'a public address'],
  ['1.1.1.1', 'public'],
  ['172.15.255.255', 'public'],
  ['172.32.0.0', 'public'],
  ['100.63.255.255', 'public'],
  ['100.128.0.0', 'public'],
  ['169.253.255.255', 'public'],
  ['169.255.0.0', 'public'],
  ['11.0.0.1', 'public'],
  ['223.255.255.255', 'public'],
  ['2606:4700:4700::1111', 'public'],
  ['2001:4860:4860::8888', 'public'],
  ['::ffff:8.8.8.8', 'public'],
  ['64:ff9b::8.8.8.8', 'public'],
  ['2002:808:808::1', 'public'],
  ['fd00:ec3::254', 'private'],
];

describe('classifyAddress', () => {
  for (const [address, expected, label] of rows) {
    test(`${address} is ${expected}`, () => {
      const got = classifyAddress(address);
      assert.equal(got?.addressClass, expected);
      if (label !== undefined) assert.equal(got?.label, label);
    });
  }

  for (const text of ['', 'localhost', 'example.com', '1.2.3', '256.1.1.1', '1.2.3.4.5', ':::1', '2852039166']) {
    test(`"${text}" is not an address`, () => assert.equal(classifyAddress(text), undefined));
  }
});

describe('parseIpAddress', () => {
  test('strips brackets and the zone id', () => {
    assert.deepEqual(parseIpAddress('[fe80::1%eth0]'), { address: 'fe80::1', family: 'ipv6' });
  });
  test('names the IPv4 address an IPv6 one carries', () => {
    assert.deepEqual(parseIpAddress('::ffff:a9fe:a9fe')?.embedded, { ipv4: '169.254.169.254', via: 'mapped' });
    assert.deepEqual(parseIpAddress('64:ff9b::0a00:0001')?.embedded, { ipv4: '10.0.0.1', via: 'nat64' });
    assert.deepEqual(parseIpAddress('2002:7f00:1::')?.embedded, { ipv4: '127.0.0.1', via: '6to4' });
    assert.equal(parseIpAddress('::1')?.embedded, undefined);
    assert.equal(parseIpAddress('::')?.embedded, undefined);
    assert.equal(parseIpAddress('2001:db8::ffff:1:2')?.embedded, undefined);
  });
  const words: [string, number[]][] = [
    ['::', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['::1', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['fe80::', [0xfe80, 0, 0, 0, 0, 0, 0, 0]],
    ['1:2:3:4:5:6:7:8', [1, 2, 3, 4, 5, 6, 7, 8]],
    ['1::8', [1, 0, 0, 0, 0, 0, 0, 8]],
    ['::ffff:1.2.3.4', [0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]],
    ['0:0:0:0:0:ffff:1.2.3.4', [0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]],
    ['::1.2.3.4', [0, 0, 0, 0, 0, 0, 0x0102, 0x0304]],
  ];
  for (const [address, expected] of words) {
    test(`ipv6Words(${address})`, () => assert.deepEqual(ipv6Words(address), expected));
  }
});

describe('parseCidr', () => {
  const good: [string, string, number][] = [
    ['10.0.0.0/8', '10.0.0.0', 8],
    ['192.168.1.7', '192.168.1.7', 32],
    ['fd00::/8', 'fd00::', 8],
    ['::1', '::1', 128],
    ['0.0.0.0/0', '0.0.0.0', 0],
    [' 172.16.0.0/12 ', '172.16.0.0', 12],
  ];
  for (const [text, address, prefix] of good) {
    test(`"${text}" is a CIDR`, () =>
      assert.deepEqual(parseCidr(text), { address, prefix, family: address.includes(':') ? 'ipv6' : 'ipv4' }));
  }
  for (const text of [
    '10.0.0.0/33',
    'fd00::/129',
    '10.0.0.0/',
    '10.0.0.0/8/8',
    'localhost/8',
    '[::1]/128',
    '10.0.0.0/-1',
    '10.0.0.0/ 8',
    '',
  ]) {
    test(`"${text}" is not a CIDR`, () => assert.equal(parseCidr(text), undefined));
  }
});
