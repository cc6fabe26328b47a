// Argo CD (no CRD schemas offline, so checked field by field): staging syncs itself, production waits for a person;
// both stay inside the AppProject, whose whitelist must cover every kind the overlays render. Also the optional
// add-ons (ServiceMonitor, ExternalSecrets): CRD kinds, allowed here by name only.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  K8S_DIR,
  kubectlSkipReason,
  OVERLAYS,
  renderKustomization,
  type RenderedObject,
} from './support/k8s-render.ts';
import { modelFor } from './support/k8s-schemas.ts';

const skip = kubectlSkipReason();
const REPO = 'https://github.com/pharos-status/pharos.git';

interface Application extends RenderedObject {
  spec: {
    project: string;
    source: { repoURL: string; targetRevision: string; path: string };
    destination: { server: string; namespace: string };
    syncPolicy?: { automated?: { prune?: boolean; selfHeal?: boolean }; syncOptions?: string[] };
    ignoreDifferences?: { group: string; kind: string; name: string; jsonPointers: string[] }[];
  };
}
interface AppProject extends RenderedObject {
  spec: {
    sourceRepos: string[];
    destinations: { server: string; namespace: string }[];
    clusterResourceWhitelist: { group: string; kind: string }[];
    namespaceResourceWhitelist: { group: string; kind: string }[];
    roles?: { name: string; policies: string[]; groups?: string[] }[];
  };
}

const ARGO_KINDS = new Set(['argoproj.io/v1alpha1 Application', 'argoproj.io/v1alpha1 AppProject']);

describe('Argo CD manifests (deploy/k8s/argocd)', { skip }, () => {
  const render = () => renderKustomization('argocd');
  const application = async (name: string) => {
    const found = (await render()).filter((o) => o.kind === 'Application' && o.metadata.name === name);
    assert.equal(found.length, 1, `Application ${name}`);
    return found[0] as Application;
  };

  test('only Argo CD kinds, all in namespace argocd', async () => {
    const objects = await render();
    assert.deepEqual(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort(), [
      'AppProject/pharos',
      'Application/pharos-production',
      'Application/pharos-staging',
    ]);
    for (const obj of objects) {
      assert.ok(ARGO_KINDS.has(`${obj.apiVersion} ${obj.kind}`), `${obj.apiVersion} ${obj.kind}`);
      assert.equal(obj.metadata.namespace, 'argocd');
    }
  });

  for (const env of OVERLAYS) {
    test(`pharos-${env} deploys overlays/${env} from the Pharos repository into pharos-${env}`, async () => {
      const app = await application(`pharos-${env}`);
      assert.equal(app.spec.project, 'pharos');
      assert.deepEqual(app.spec.source, { repoURL: REPO, targetRevision: 'main', path: `deploy/k8s/overlays/${env}` });
      assert.ok(existsSync(join(K8S_DIR, 'overlays', env, 'kustomization.yaml')), 'the path exists');
      assert.deepEqual(app.spec.destination, { server: 'https://kubernetes.default.svc', namespace: `pharos-${env}` });
      assert.ok(app.spec.syncPolicy?.syncOptions?.includes('CreateNamespace=true'));
      // the HPA owns the web replica count: a sync must not reset it
      assert.ok(
        app.spec.ignoreDifferences?.some(
          (d) => d.kind === 'Deployment' && d.name === 'pharos-web' && d.jsonPointers.includes('/spec/replicas'),
        ),
      );
      assert.ok(app.spec.syncPolicy?.syncOptions?.includes('RespectIgnoreDifferences=true'));
    });
  }

  test('staging syncs automatically, pruning and undoing drift', async () => {
    const app = await application('pharos-staging');
    assert.deepEqual(app.spec.syncPolicy?.automated, { prune: true, selfHeal: true });
  });

  test('production has no automated sync (a person syncs it: the approval) and no cascading-delete finalizer', async () => {
    const app = await application('pharos-production');
    assert.equal(app.spec.syncPolicy?.automated, undefined);
    assert.equal((app.metadata as { finalizers?: string[] }).finalizers, undefined);
  });

  test('the AppProject allows the Pharos repository, the two namespaces and every kind the overlays render', async () => {
    const project = (await render()).find((o) => o.kind === 'AppProject') as AppProject | undefined;
    assert.ok(project);
    assert.deepEqual(project.spec.sourceRepos, [REPO]);
    assert.deepEqual(project.spec.destinations.map((d) => d.namespace).sort(), ['pharos-production', 'pharos-staging']);
    const allowed = new Set(
      [...project.spec.clusterResourceWhitelist, ...project.spec.namespaceResourceWhitelist].map(
        (r) => `${r.group}/${r.kind}`,
      ),
    );
    for (const env of OVERLAYS) {
      for (const obj of await renderKustomization(`overlays/${env}`)) {
        const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
        assert.ok(allowed.has(`${group}/${obj.kind}`), `${env}: ${obj.kind} (${obj.apiVersion}) is not whitelisted`);
      }
    }
    const approver = project.spec.roles?.find((r) =>
      r.policies.some((p) => p.includes('applications, sync, pharos/pharos-production')),
    );
    assert.ok(approver?.groups?.length, 'a group may sync production');
  });
});

describe('optional add-ons (deploy/k8s/optional): CRD kinds, not in the overlays', { skip }, () => {
  test('service-monitor: scrapes the pharos-metrics Service port with the metrics token', async () => {
    const objects = await renderKustomization('optional/service-monitor');
    assert.deepEqual(
      objects.map((o) => `${o.apiVersion} ${o.kind}`),
      ['monitoring.coreos.com/v1 ServiceMonitor'],
    );
    assert.equal(
      modelFor(objects[0] ?? { apiVersion: '', kind: '' }),
      undefined,
      'a CRD kind: allowed by name, not schema-checked',
    );
    const spec = objects[0]?.spec as {
      selector: { matchLabels: Record<string, string> };
      endpoints: { port: string; path: string; authorization: { credentials: { name: string; key: string } } }[];
    };
    const metricsService = (await renderKustomization('overlays/production')).find(
      (o) => o.kind === 'Service' && o.metadata.name === 'pharos-metrics',
    );
    const labels = metricsService?.metadata.labels ?? {};
    assert.ok(
      Object.entries(spec.selector.matchLabels).every(([k, v]) => labels[k] === v),
      'selects the pharos-metrics Service',
    );
    assert.equal(spec.endpoints[0]?.port, (metricsService?.spec as { ports: { name: string }[] }).ports[0]?.name);
    assert.equal(spec.endpoints[0]?.path, '/metrics');
    assert.deepEqual(spec.endpoints[0]?.authorization.credentials, { name: 'pharos-secrets', key: 'metrics-token' });
  });

  test('external-secrets: fill exactly the Secrets and keys the pods read, before the migrate Job', async () => {
    const objects = await renderKustomization('optional/external-secrets');
    const externalSecrets = objects.filter((o) => o.kind === 'ExternalSecret');
    assert.deepEqual(objects.map((o) => o.kind).sort(), [
      'ExternalSecret',
      'ExternalSecret',
      'ExternalSecret',
      'SecretStore',
    ]);
    const keys = externalSecrets.flatMap((o) => {
      const spec = o.spec as {
        target: { name: string; template?: { data: Record<string, string> } };
        data?: { secretKey: string }[];
      };
      const names = spec.data?.map((d) => d.secretKey) ?? Object.keys(spec.target.template?.data ?? {});
      return names.map((key) => `${spec.target.name}/${key}`);
    });
    assert.deepEqual(keys.sort(), [
      'pharos-database/url',
      'pharos-redis/url',
      'pharos-secrets/metrics-token',
      'pharos-secrets/server-secret',
    ]);
    for (const obj of objects)
      assert.ok(
        Number(obj.metadata.annotations?.['argocd.argoproj.io/sync-wave']) < -1,
        `${obj.kind}/${obj.metadata.name} sync wave`,
      );
  });
});
