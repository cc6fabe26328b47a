// Renders deploy/k8s/overlays/* with `kubectl kustomize` (offline) and checks every object against the Kubernetes
// schemas and the deployment's intent: namespaces, replicas, autoscaling, disruption budgets, services, ingress,
// and that every name one object refers to exists in the render.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { IDeployment } from 'kubernetes-models/apps/v1';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import type { IConfigMap, INamespace, IService } from 'kubernetes-models/v1';
import {
  describeObject,
  kubectlSkipReason,
  OVERLAYS,
  renderKustomization,
  type Overlay,
} from './support/k8s-render.ts';
import { validateObject } from './support/k8s-schemas.ts';
import { findObject, objectsOfKind, podTemplatesOf } from './support/k8s-workloads.ts';
import { selectorMatches } from './support/k8s-network-policy-eval.ts';

const skip = kubectlSkipReason();

const EXPECTED: Record<
  Overlay,
  { namespace: string; host: string; replicas: Record<string, number>; hpa: [number, number] }
> = {
  staging: {
    namespace: 'pharos-staging',
    host: 'status.staging.example.com',
    replicas: { 'pharos-web': 2, 'pharos-worker': 2 },
    hpa: [2, 4],
  },
  production: {
    namespace: 'pharos-production',
    host: 'status.example.com',
    replicas: { 'pharos-web': 2, 'pharos-worker': 3 },
    hpa: [2, 10],
  },
};

/** The Secrets (and keys) the README tells operators to create; nothing else may be referenced. */
const DOCUMENTED_SECRET_KEYS = new Set([
  'pharos-database/url',
  'pharos-redis/url',
  'pharos-secrets/metrics-token',
  'pharos-secrets/server-secret',
  'pharos-tls/',
]);

for (const overlay of OVERLAYS) {
  describe(`kustomize overlay ${overlay}`, { skip }, () => {
    const expected = EXPECTED[overlay];
    const render = () => renderKustomization(`overlays/${overlay}`);

    test('every object validates against its Kubernetes schema (no unknown kinds)', async () => {
      const objects = await render();
      assert.ok(objects.length >= 15, `only ${objects.length} objects rendered`);
      for (const obj of objects) assert.doesNotThrow(() => validateObject(obj), describeObject(obj));
      const kinds = new Set(objects.map((o) => o.kind));
      for (const kind of [
        'Namespace',
        'ServiceAccount',
        'ConfigMap',
        'Deployment',
        'Job',
        'Service',
        'Ingress',
        'HorizontalPodAutoscaler',
        'PodDisruptionBudget',
        'NetworkPolicy',
      ]) {
        assert.ok(kinds.has(kind), `no ${kind} rendered`);
      }
    });

    test(`everything lives in namespace ${expected.namespace}, which enforces the restricted Pod Security Standard`, async () => {
      const objects = await render();
      for (const obj of objects.filter((o) => o.kind !== 'Namespace')) {
        assert.equal(obj.metadata.namespace, expected.namespace, describeObject(obj));
      }
      const namespace = findObject<INamespace>(objects, 'Namespace', expected.namespace);
      assert.equal(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce'], 'restricted');
      assert.match(namespace.metadata.annotations?.['argocd.argoproj.io/sync-options'] ?? '', /Delete=false/);
    });

    test('web and worker Deployments run their role with the replica counts of this environment', async () => {
      const objects = await render();
      for (const [name, replicas] of Object.entries(expected.replicas)) {
        const deployment = findObject<IDeployment>(objects, 'Deployment', name);
        assert.equal(deployment.spec?.replicas, replicas, `${name} replicas`);
        assert.ok(replicas >= 2, `${name}: at least 2 replicas`);
        const role = deployment.spec?.template.spec?.containers[0]?.env?.find((e) => e.name === 'PHAROS_ROLE')?.value;
        assert.equal(role, name.replace('pharos-', ''), `${name} PHAROS_ROLE`);
        assert.ok(
          selectorMatches(deployment.spec?.selector ?? {}, deployment.spec?.template.metadata?.labels ?? {}),
          `${name} selector matches its pods`,
        );
        assert.equal(
          deployment.spec?.strategy?.rollingUpdate?.maxUnavailable,
          0,
          `${name} rolls without losing capacity`,
        );
      }
    });

    test(`the web HorizontalPodAutoscaler scales pharos-web on CPU between ${expected.hpa.join(' and ')}`, async () => {
      const objects = await render();
      const hpas = objectsOfKind<IHorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler');
      assert.deepEqual(
        hpas.map((h) => h.metadata.name),
        ['pharos-web'],
      );
      const hpa = hpas[0];
      assert.ok(hpa?.spec);
      assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'pharos-web' });
      assert.deepEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas], expected.hpa);
      assert.equal(hpa.spec.metrics?.[0]?.resource?.name, 'cpu');
      const web = findObject<IDeployment>(objects, 'Deployment', 'pharos-web');
      assert.ok(
        web.spec?.template.spec?.containers.every((c) => c.resources?.requests?.cpu),
        'CPU utilisation needs CPU requests',
      );
    });

    test('each Deployment has a PodDisruptionBudget that selects its pods and lets one go at a time', async () => {
      const objects = await render();
      const budgets = objectsOfKind<IPodDisruptionBudget>(objects, 'PodDisruptionBudget');
      for (const deployment of objectsOfKind<IDeployment>(objects, 'Deployment')) {
        const labels = deployment.spec?.template.metadata?.labels ?? {};
        const covering = budgets.filter((b) => selectorMatches(b.spec?.selector ?? {}, labels));
        assert.equal(covering.length, 1, `${deployment.metadata.name}: one PodDisruptionBudget`);
        const spec = covering[0]?.spec;
        assert.ok(
          spec?.minAvailable === 1 || spec?.maxUnavailable === 1,
          `${deployment.metadata.name}: minAvailable 1 or maxUnavailable 1`,
        );
      }
    });

    test('Service pharos-web sends port 80 to the web pods port 3000 only; pharos-metrics is headless over web and worker', async () => {
      const objects = await render();
      const pods = podTemplatesOf(objects);
      const selectedBy = (service: IService) =>
        pods
          .filter((p) =>
            selectorMatches({ matchLabels: service.spec?.selector ?? {} }, p.template.metadata?.labels ?? {}),
          )
          .map((p) => p.owner);
      const web = findObject<IService>(objects, 'Service', 'pharos-web');
      assert.deepEqual(selectedBy(web), ['Deployment/pharos-web']);
      const port = web.spec?.ports?.[0];
      assert.equal(port?.port, 80);
      const container = findObject<IDeployment>(objects, 'Deployment', 'pharos-web').spec?.template.spec?.containers[0];
      assert.equal(container?.ports?.find((p) => p.name === port?.targetPort)?.containerPort, 3000);
      const metrics = findObject<IService>(objects, 'Service', 'pharos-metrics');
      assert.equal(metrics.spec?.clusterIP, 'None');
      assert.deepEqual(selectedBy(metrics).sort(), ['Deployment/pharos-web', 'Deployment/pharos-worker']);
    });

    test(`Ingress: class nginx, TLS for ${expected.host}, to pharos-web; the SSE stream unbuffered with long timeouts`, async () => {
      const objects = await render();
      const ingresses = objectsOfKind<IIngress>(objects, 'Ingress');
      assert.deepEqual(ingresses.map((i) => i.metadata.name).sort(), ['pharos-web', 'pharos-web-stream']);
      for (const ingress of ingresses) {
        assert.equal(ingress.spec?.ingressClassName, 'nginx');
        assert.deepEqual(ingress.spec?.tls, [{ hosts: [expected.host], secretName: 'pharos-tls' }]);
        assert.equal(ingress.spec?.rules?.length, 1);
        assert.equal(ingress.spec?.rules?.[0]?.host, expected.host);
        for (const path of ingress.spec?.rules?.[0]?.http?.paths ?? []) {
          assert.equal(path.backend.service?.name, 'pharos-web');
          assert.equal(path.backend.service?.port?.name, 'http');
        }
      }
      const stream = findObject<IIngress>(objects, 'Ingress', 'pharos-web-stream');
      assert.deepEqual(
        stream.spec?.rules?.[0]?.http?.paths.map((p) => [p.path, p.pathType]),
        [['/api/v2/stream', 'Prefix']],
      );
      const annotations = stream.metadata.annotations ?? {};
      assert.equal(annotations['nginx.ingress.kubernetes.io/proxy-buffering'], 'off');
      assert.ok(
        Number(annotations['nginx.ingress.kubernetes.io/proxy-read-timeout']) >= 3600,
        'read timeout of an hour',
      );
      assert.ok(
        Number(annotations['nginx.ingress.kubernetes.io/proxy-send-timeout']) >= 3600,
        'send timeout of an hour',
      );
      const env = objectsOfKind<IConfigMap>(objects, 'ConfigMap').find((c) => c.metadata.name.startsWith('pharos-env'));
      assert.equal(env?.data?.PHAROS_BASE_URL, `https://${expected.host}`, 'base_url matches the Ingress host');
    });

    test('every ConfigMap, ServiceAccount and Secret a pod refers to is rendered or documented', async () => {
      const objects = await render();
      const names = (kind: string) => new Set(objects.filter((o) => o.kind === kind).map((o) => o.metadata.name));
      const configMaps = names('ConfigMap');
      const serviceAccounts = names('ServiceAccount');
      const secretsUsed = new Set<string>();
      for (const { owner, template } of podTemplatesOf(objects)) {
        const spec = template.spec;
        assert.ok(spec, owner);
        assert.ok(
          serviceAccounts.has(spec.serviceAccountName ?? 'default'),
          `${owner}: ServiceAccount ${spec.serviceAccountName}`,
        );
        for (const volume of spec.volumes ?? []) {
          if (volume.configMap)
            assert.ok(
              configMaps.has(volume.configMap.name ?? ''),
              `${owner}: ConfigMap ${volume.configMap.name} (hash suffix applied?)`,
            );
          if (volume.secret) secretsUsed.add(`${volume.secret.secretName}/`);
        }
        for (const container of [...spec.containers, ...(spec.initContainers ?? [])]) {
          for (const from of container.envFrom ?? []) {
            if (from.configMapRef)
              assert.ok(
                configMaps.has(from.configMapRef.name ?? ''),
                `${owner}: envFrom ConfigMap ${from.configMapRef.name}`,
              );
            if (from.secretRef) secretsUsed.add(`${from.secretRef.name}/`);
          }
          for (const env of container.env ?? []) {
            const ref = env.valueFrom?.secretKeyRef;
            if (ref) secretsUsed.add(`${ref.name}/${ref.key}`);
            const cm = env.valueFrom?.configMapKeyRef;
            if (cm) assert.ok(configMaps.has(cm.name ?? ''), `${owner}: ConfigMap ${cm.name}`);
          }
        }
      }
      for (const ingress of objectsOfKind<IIngress>(objects, 'Ingress'))
        for (const tls of ingress.spec?.tls ?? []) secretsUsed.add(`${tls.secretName}/`);
      assert.deepEqual([...secretsUsed].sort(), [...DOCUMENTED_SECRET_KEYS].sort());
    });
  });
}
