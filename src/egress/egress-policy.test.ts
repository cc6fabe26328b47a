import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { egressSchema, type EgressConfig } from '../config/egress-schema.ts';
import { configSchema } from '../config/schema.ts';
import { EgressDeniedError } from './egress-denied-error.ts';
import { createEgressPolicy, defaultEgressPolicy, type EgressOrigin } from './egress-policy.ts';

const strict: Partial<EgressConfig> = { deny_private: true };

const PUBLIC_ONLY = 'targets chosen by the public reach public addresses only';

const rows: {
  name: string;
  config?: Partial<EgressConfig>;
  publicAllow?: string[];
  origin: EgressOrigin;
  address: string;
  reason?: string;
}[] = [
  {
    name: 'default: metadata refused from config',
    origin: 'config',
    address: '169.254.169.254',
    reason: 'refused by the egress policy: 169.254.169.254 is a cloud metadata address (egress.deny_metadata)',
  },
  {
    name: 'default: metadata refused from the API',
    origin: 'api',
    address: 'fd00:ec2::254',
    reason: 'fd00:ec2::254 is a cloud metadata address',
  },
  {
    name: 'default: mapped metadata refused',
    origin: 'config',
    address: '::ffff:169.254.169.254',
    reason: '::ffff:169.254.169.254 is a cloud metadata address',
  },
  {
    name: 'default: link-local refused',
    origin: 'config',
    address: 'fe80::1',
    reason: 'fe80::1 is a link-local address',
  },
  { name: 'default: loopback allowed from the API', origin: 'api', address: '127.0.0.1' },
  { name: 'default: private allowed from the API', origin: 'api', address: '10.1.2.3' },
  { name: 'default: public allowed', origin: 'api', address: '8.8.8.8' },
  {
    name: 'deny_metadata off: metadata allowed',
    config: { deny_metadata: false },
    origin: 'config',
    address: '169.254.169.254',
  },
  {
    name: 'deny_private: API loopback refused',
    config: strict,
    origin: 'api',
    address: '127.0.0.1',
    reason: '127.0.0.1 is a loopback address (egress.deny_private, for targets created through the API)',
  },
  {
    name: 'deny_private: API ::1 refused',
    config: strict,
    origin: 'api',
    address: '::1',
    reason: '::1 is a loopback address',
  },
  {
    name: 'deny_private: API private refused',
    config: strict,
    origin: 'api',
    address: '192.168.0.10',
    reason: '192.168.0.10 is a private address',
  },
  {
    name: 'deny_private: API CGNAT refused',
    config: strict,
    origin: 'api',
    address: '100.64.1.1',
    reason: 'carrier-grade NAT',
  },
  {
    name: 'deny_private: API unspecified refused',
    config: strict,
    origin: 'api',
    address: '0.0.0.0',
    reason: 'unspecified',
  },
  {
    name: 'deny_private: API mapped private refused',
    config: strict,
    origin: 'api',
    address: '::ffff:10.0.0.1',
    reason: '::ffff:10.0.0.1 is a private address',
  },
  { name: 'deny_private: API public allowed', config: strict, origin: 'api', address: '1.1.1.1' },
  { name: 'deny_private: config loopback allowed', config: strict, origin: 'config', address: '127.0.0.1' },
  { name: 'deny_private: config private allowed', config: strict, origin: 'config', address: '10.0.0.1' },
  {
    name: 'deny_private without deny_metadata: API link-local still refused',
    config: { deny_metadata: false, deny_private: true },
    origin: 'api',
    address: '169.254.169.254',
    reason: 'egress.deny_private',
  },
  {
    name: 'deny_private without deny_metadata: config metadata allowed',
    config: { deny_metadata: false, deny_private: true },
    origin: 'config',
    address: '169.254.169.254',
  },
  {
    name: 'allow wins over deny_private',
    config: { deny_private: true, allow: ['10.20.0.0/16'] },
    origin: 'api',
    address: '10.20.3.4',
  },
  {
    name: 'allow is only its range',
    config: { deny_private: true, allow: ['10.20.0.0/16'] },
    origin: 'api',
    address: '10.21.0.1',
    reason: 'private address',
  },
  {
    name: 'allow wins over deny_metadata',
    config: { allow: ['169.254.169.254'] },
    origin: 'config',
    address: '169.254.169.254',
  },
  {
    name: 'allow of an IPv4 range covers its mapped form',
    config: { deny_private: true, allow: ['127.0.0.0/8'] },
    origin: 'api',
    address: '::ffff:127.0.0.1',
  },
  {
    name: 'allow of an IPv6 range',
    config: { deny_private: true, allow: ['fd00:1234::/32'] },
    origin: 'api',
    address: 'fd00:1234::5',
  },
  {
    name: 'not an IP address: refused',
    origin: 'config',
    address: 'localhost',
    reason: '"localhost" is not an IP address',
  },
  // targets the public chose (subscriber webhooks): strict whatever the options say
  {
    name: 'public: loopback refused although deny_private is off',
    origin: 'public',
    address: '127.0.0.1',
    reason: `127.0.0.1 is a loopback address (${PUBLIC_ONLY})`,
  },
  {
    name: 'public: egress.allow does not exempt',
    config: { allow: ['127.0.0.0/8', '10.0.0.0/8'] },
    origin: 'public',
    address: '10.1.2.3',
    reason: 'private address',
  },
  { name: 'public: ::1 refused', origin: 'public', address: '::1', reason: 'loopback' },
  { name: 'public: mapped loopback refused', origin: 'public', address: '::ffff:127.0.0.1', reason: 'loopback' },
  {
    name: 'public: NAT64 of a private address refused',
    origin: 'public',
    address: '64:ff9b::a00:1',
    reason: 'private address',
  },
  { name: 'public: private refused', origin: 'public', address: '192.168.1.1', reason: 'private address' },
  { name: 'public: CGNAT refused', origin: 'public', address: '100.64.0.1', reason: 'carrier-grade NAT' },
  { name: 'public: unspecified refused', origin: 'public', address: '0.0.0.0', reason: 'unspecified' },
  { name: 'public: link-local refused', origin: 'public', address: 'fe80::1', reason: 'link-local' },
  {
    name: 'public: metadata refused although deny_metadata is off',
    config: { deny_metadata: false },
    origin: 'public',
    address: '169.254.169.254',
    reason: 'cloud metadata',
  },
  { name: 'public: documentation range refused', origin: 'public', address: '198.51.100.7', reason: 'reserved' },
  { name: 'public: multicast refused', origin: 'public', address: '239.1.2.3', reason: 'multicast' },
  { name: 'public: ULA refused', origin: 'public', address: 'fd12::1', reason: 'private address' },
  { name: 'public: a public address allowed', origin: 'public', address: '93.184.216.34' },
  { name: 'public: a public IPv6 address allowed', origin: 'public', address: '2606:2800:220:1::1' },
  {
    name: 'public: subscribers.webhook_allow exempts its range',
    publicAllow: ['127.0.0.1'],
    origin: 'public',
    address: '127.0.0.1',
  },
  {
    name: 'public: subscribers.webhook_allow is only its range',
    publicAllow: ['127.0.0.1'],
    origin: 'public',
    address: '127.0.0.2',
    reason: 'loopback',
  },
  {
    name: 'public: subscribers.webhook_allow never exempts metadata',
    publicAllow: ['169.254.0.0/16'],
    origin: 'public',
    address: '169.254.169.254',
    reason: 'cloud metadata',
  },
  {
    name: 'api: subscribers.webhook_allow is not egress.allow',
    config: { deny_private: true },
    publicAllow: ['10.0.0.0/8'],
    origin: 'api',
    address: '10.0.0.1',
    reason: 'private address',
  },
];

describe('egress policy', () => {
  for (const row of rows) {
    test(row.name, () => {
      const policy = createEgressPolicy(egressSchema.parse(row.config ?? {}), { publicAllow: row.publicAllow });
      const denial = policy.guardFor(row.origin).check(row.address);
      if (row.reason === undefined) assert.equal(denial, null);
      else {
        assert.ok(denial, 'expected a denial');
        assert.ok(denial.reason.startsWith('refused by the egress policy: '), denial.reason);
        assert.ok(denial.reason.includes(row.reason), denial.reason);
      }
    });
  }

  test('guardFor gives the same guard for the same origin (it keys shared connection pools)', () => {
    const policy = defaultEgressPolicy();
    assert.equal(policy.guardFor('api'), policy.guardFor('api'));
    assert.notEqual(policy.guardFor('api'), policy.guardFor('config'));
    assert.equal(policy.guardFor('api').origin, 'api');
  });

  test('EgressDeniedError carries the code, the denial and the reason as message', () => {
    const denial = defaultEgressPolicy().guardFor('config').check('169.254.169.254');
    assert.ok(denial);
    const err = new EgressDeniedError(denial);
    assert.equal(err.code, 'egress_denied');
    assert.equal(err.message, denial.reason);
    assert.equal(err.denial.addressClass, 'metadata');
  });
});

describe('egress config', () => {
  test('defaults: metadata refused, private allowed, nothing extra allowed', () => {
    assert.deepEqual(configSchema.parse({}).egress, { deny_metadata: true, deny_private: false, allow: [] });
  });
  test('accepts CIDRs and addresses in allow', () => {
    const egress = configSchema.parse({
      egress: { deny_private: true, allow: ['10.0.0.0/8', 'fd00::/8', '192.168.1.1'] },
    }).egress;
    assert.deepEqual(egress.allow, ['10.0.0.0/8', 'fd00::/8', '192.168.1.1']);
  });
  test('refuses a bad CIDR and unknown keys', () => {
    const bad = egressSchema.safeParse({ allow: ['10.0.0.0/33'] });
    assert.equal(bad.success, false);
    assert.match(bad.error?.issues[0]?.message ?? '', /must be a CIDR/);
    assert.deepEqual(bad.error?.issues[0]?.path, ['allow', 0]);
    assert.equal(egressSchema.safeParse({ deny_privat: true }).success, false);
  });
});
