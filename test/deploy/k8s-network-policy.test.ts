// The rendered NetworkPolicies, asked connection by connection (one row per scenario): only ingress-nginx and
// Prometheus reach web, only Prometheus reaches workers, only Pharos reaches in-cluster PostgreSQL/Redis, Pharos
// reaches the managed datastores and DNS, workers reach any monitored target but the cloud metadata service.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { IDeployment } from 'kubernetes-models/apps/v1';
import type { IJob } from 'kubernetes-models/batch/v1';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { kubectlSkipReason, OVERLAYS, renderKustomization } from './support/k8s-render.ts';
import {
  allowsConnection,
  podIn,
  selectorMatches,
  type Peer,
  type PortRef,
} from './support/k8s-network-policy-eval.ts';
import { findObject, objectsOfKind } from './support/k8s-workloads.ts';

const skip = kubectlSkipReason();

describe('NetworkPolicy evaluator (the test tool itself)', () => {
  const deny: INetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'd', namespace: 'a' },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  };
  const allow: INetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'x', namespace: 'a' },
    spec: {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [
        {
          from: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['bad'] }] } }],
          ports: [{ port: 80 }],
        },
      ],
    },
  };
  const web = { pod: podIn('a', { app: 'web' }) };
  const rows: [string, INetworkPolicy[], Peer, Peer, PortRef, boolean][] = [
    ['no policy: open', [], { pod: podIn('b', {}) }, web, { port: 80 }, true],
    ['default deny: closed', [deny], { pod: podIn('a', {}) }, web, { port: 80 }, false],
    ['allowed peer and port', [deny, allow], { pod: podIn('a', { tier: 'good' }) }, web, { port: 80 }, true],
    ['allowed peer, other port', [deny, allow], { pod: podIn('a', {}) }, web, { port: 81 }, false],
    ['allowed port, UDP', [deny, allow], { pod: podIn('a', {}) }, web, { port: 80, protocol: 'UDP' }, false],
    ['NotIn excludes', [deny, allow], { pod: podIn('a', { tier: 'bad' }) }, web, { port: 80 }, false],
    ['podSelector alone means same namespace', [deny, allow], { pod: podIn('b', {}) }, web, { port: 80 }, false],
    ['address peers match no pod selector', [deny, allow], { ip: '10.0.0.1' }, web, { port: 80 }, false],
  ];
  for (const [name, policies, from, to, port, expected] of rows) {
    test(name, () => assert.equal(allowsConnection(policies, from, to, port), expected));
  }
});

for (const overlay of OVERLAYS) {
  describe(`NetworkPolicies in overlay ${overlay}`, { skip }, () => {
    test('connections allowed and refused', async () => {
      const objects = await renderKustomization(`overlays/${overlay}`);
      const namespace = `pharos-${overlay}`;
      const policies = objectsOfKind<INetworkPolicy>(objects, 'NetworkPolicy');
      // the Pharos pods' labels as rendered, so a selector that drifts from the pods fails here
      const podLabels = (kind: string, name: string) =>
        (kind === 'Job' ? findObject<IJob>(objects, kind, name) : findObject<IDeployment>(objects, kind, name)).spec
          ?.template.metadata?.labels ?? {};
      const pod = (ns: string, labels: Record<string, string>): Peer => ({ pod: podIn(ns, labels) });
      const web = pod(namespace, podLabels('Deployment', 'pharos-web'));
      const worker = pod(namespace, podLabels('Deployment', 'pharos-worker'));
      const migrate = pod(namespace, podLabels('Job', 'pharos-migrate'));
      const ingressNginx = pod('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' });
      const prometheus = pod('monitoring', { 'app.kubernetes.io/name': 'prometheus' });
      const otherHere = pod(namespace, { app: 'debug-shell' });
      const otherNamespace = pod('default', { app: 'anything' });
      const postgres = pod(namespace, { 'app.kubernetes.io/name': 'postgresql' });
      const redis = pod(namespace, { 'app.kubernetes.io/name': 'redis' });
      const kubeDns = pod('kube-system', { 'k8s-app': 'kube-dns' });
      const managedDb: Peer = { ip: '10.20.30.40' };
      const internet: Peer = { ip: '203.0.113.10' };
      const internet6: Peer = { ip: '2001:db8::10' };
      const metadata: Peer = { ip: '169.254.169.254' };
      const metadata6: Peer = { ip: 'fd00:ec2::254' };
      const rows: [string, Peer, Peer, PortRef, boolean][] = [
        ['ingress-nginx -> web:3000', ingressNginx, web, { port: 3000 }, true],
        ['prometheus -> web:3000', prometheus, web, { port: 3000 }, true],
        ['ingress-nginx -> web:9229 (inspector)', ingressNginx, web, { port: 9229 }, false],
        ['another namespace -> web:3000', otherNamespace, web, { port: 3000 }, false],
        ['another pod here -> web:3000', otherHere, web, { port: 3000 }, false],
        ['worker -> web:3000', worker, web, { port: 3000 }, false],
        ['ingress-nginx -> worker:3000', ingressNginx, worker, { port: 3000 }, false],
        ['prometheus -> worker:3000', prometheus, worker, { port: 3000 }, true],
        ['web -> in-cluster postgresql:5432', web, postgres, { port: 5432 }, true],
        ['worker -> in-cluster redis:6379', worker, redis, { port: 6379 }, true],
        ['migrate -> in-cluster postgresql:5432', migrate, postgres, { port: 5432 }, true],
        ['another pod here -> postgresql:5432', otherHere, postgres, { port: 5432 }, false],
        ['another namespace -> redis:6379', otherNamespace, redis, { port: 6379 }, false],
        ['web -> managed PostgreSQL 5432', web, managedDb, { port: 5432 }, true],
        ['migrate -> managed Redis 6379', migrate, managedDb, { port: 6379 }, true],
        ['web -> cluster DNS 53/UDP', web, kubeDns, { port: 53, protocol: 'UDP' }, true],
        ['migrate -> cluster DNS 53/TCP', migrate, kubeDns, { port: 53 }, true],
        ['web -> outside DNS 53/UDP', web, { ip: '8.8.8.8' }, { port: 53, protocol: 'UDP' }, false],
        ['web -> https target (OIDC, run check now)', web, internet, { port: 443 }, true],
        ['web -> smtp target', web, internet, { port: 25 }, false],
        ['web -> cloud metadata', web, metadata, { port: 80 }, false],
        ['worker -> https target', worker, internet, { port: 443 }, true],
        ['worker -> any port target', worker, internet, { port: 8443 }, true],
        ['worker -> DNS check over UDP', worker, { ip: '1.1.1.1' }, { port: 53, protocol: 'UDP' }, true],
        ['worker -> IPv6 target', worker, internet6, { port: 443 }, true],
        ['worker -> cloud metadata', worker, metadata, { port: 80 }, false],
        ['worker -> IPv6 cloud metadata', worker, metadata6, { port: 80 }, false],
        ['migrate -> https target', migrate, internet, { port: 443 }, false],
        ['another pod here -> internet', otherHere, internet, { port: 443 }, false],
      ];
      const wrong = rows.filter(
        ([, from, to, port, expected]) => allowsConnection(policies, from, to, port) !== expected,
      );
      assert.deepEqual(
        wrong.map(([name, , , , expected]) => `${name}: expected ${expected ? 'allowed' : 'refused'}`),
        [],
      );
    });

    test('a default deny covers every pod of the namespace in both directions', async () => {
      const policies = objectsOfKind<INetworkPolicy>(await renderKustomization(`overlays/${overlay}`), 'NetworkPolicy');
      const denyAll = policies.filter(
        (p) => Object.keys(p.spec?.podSelector ?? { x: 1 }).length === 0 && !p.spec?.ingress && !p.spec?.egress,
      );
      assert.equal(denyAll.length, 1);
      assert.deepEqual([...(denyAll[0]?.spec?.policyTypes ?? [])].sort(), ['Egress', 'Ingress']);
      assert.ok(selectorMatches(denyAll[0]?.spec?.podSelector ?? {}, { any: 'pod' }));
    });
  });
}
