import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { egressSchema } from '../config/egress-schema.ts';
import { monitorSchema, type MonitorInput } from '../config/monitor-schema.ts';
import { EgressDeniedError } from './egress-denied-error.ts';
import { createEgressPolicy } from './egress-policy.ts';
import { assertMonitorTargetsAllowed, monitorTargetHosts } from './monitor-target-hosts.ts';

/** A monitor input without its id, per monitor type. */
type Target = MonitorInput extends infer M ? (M extends unknown ? Omit<M, 'id'> : never) : never;

const monitor = (input: Target) => monitorSchema.parse({ id: 'm', ...input } as MonitorInput);

describe('monitorTargetHosts', () => {
  const rows: [Target, string[]][] = [
    [{ type: 'http', url: 'https://status.example.com:8443/health' }, ['status.example.com']],
    [{ type: 'http', url: 'http://[::1]:8080/' }, ['[::1]']],
    [{ type: 'tcp', host: 'db.internal', port: 5432 }, ['db.internal']],
    [{ type: 'tls', host: '10.0.0.5' }, ['10.0.0.5']],
    [{ type: 'dns', query: 'example.com', resolver: '[fd00:ec2::254]:53' }, ['fd00:ec2::254']],
    [{ type: 'dns', query: 'example.com', resolver: '169.254.169.254' }, ['169.254.169.254']],
    [{ type: 'dns', query: 'example.com' }, []],
    [{ type: 'push', token: 'abcdefghijklmnop' }, []],
  ];
  for (const [input, hosts] of rows) {
    test(`${input.type} ${JSON.stringify(input)}`, () => assert.deepEqual(monitorTargetHosts(monitor(input)), hosts));
  }
});

describe('assertMonitorTargetsAllowed (creating a monitor through the API)', () => {
  const api = createEgressPolicy(egressSchema.parse({ deny_private: true })).guardFor('api');
  const noNetwork = async () => [{ address: '93.184.216.34', family: 4 }];

  test('refuses a metadata or loopback target with the reason', async () => {
    await assert.rejects(
      assertMonitorTargetsAllowed(api, monitor({ type: 'http', url: 'http://169.254.169.254/' }), noNetwork),
      /cloud metadata address/,
    );
    await assert.rejects(
      assertMonitorTargetsAllowed(api, monitor({ type: 'http', url: 'http://[::1]:8080/' }), noNetwork),
      EgressDeniedError,
    );
    await assert.rejects(
      assertMonitorTargetsAllowed(api, monitor({ type: 'tcp', host: 'localhost', port: 22 })),
      /loopback address/,
    );
  });

  test('passes a public target', async () => {
    await assertMonitorTargetsAllowed(api, monitor({ type: 'http', url: 'https://status.example.com/' }), noNetwork);
    await assertMonitorTargetsAllowed(api, monitor({ type: 'push', token: 'abcdefghijklmnop' }));
  });
});
