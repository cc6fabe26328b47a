// Every pod template in every overlay (Deployments, the migrate Job, anything added later) must carry the hardening
// the restricted Pod Security Standard asks for and more, on the pod and on each container; long-running ones need
// probes, a graceful stop, zone spread and scrape annotations. Table-driven: one row per overlay and pod template.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { IContainer, IPodSpec, IProbe } from 'kubernetes-models/v1';
import { kubectlSkipReason, OVERLAYS, renderKustomization, type Overlay } from './support/k8s-render.ts';
import { podTemplatesOf, type PodTemplateOwner } from './support/k8s-workloads.ts';
import { selectorMatches } from './support/k8s-network-policy-eval.ts';

const skip = kubectlSkipReason();
const ZONE_SPREAD: Record<Overlay, string> = { staging: 'ScheduleAnyway', production: 'DoNotSchedule' };

function containersOf(spec: IPodSpec): IContainer[] {
  return [...spec.containers, ...(spec.initContainers ?? [])];
}

function assertPodSecurity(owner: string, spec: IPodSpec): void {
  const pod = spec.securityContext;
  assert.equal(pod?.runAsNonRoot, true, `${owner}: pod runAsNonRoot`);
  assert.equal(pod?.runAsUser, 10001, `${owner}: pod runAsUser`);
  assert.equal(pod?.runAsGroup, 10001, `${owner}: pod runAsGroup`);
  assert.equal(pod?.fsGroup, 10001, `${owner}: pod fsGroup`);
  assert.equal(pod?.seccompProfile?.type, 'RuntimeDefault', `${owner}: pod seccomp`);
  assert.equal(spec.automountServiceAccountToken, false, `${owner}: no service account token`);
  assert.equal(spec.serviceAccountName, 'pharos', `${owner}: own ServiceAccount`);
  for (const flag of ['hostNetwork', 'hostPID', 'hostIPC'] as const)
    assert.notEqual(spec[flag], true, `${owner}: ${flag}`);
  assert.ok(!(spec.volumes ?? []).some((v) => v.hostPath), `${owner}: no hostPath volumes`);
}

function assertContainerSecurity(where: string, container: IContainer): void {
  const sc = container.securityContext;
  assert.equal(sc?.runAsNonRoot, true, `${where}: runAsNonRoot`);
  assert.equal(sc?.runAsUser, 10001, `${where}: runAsUser`);
  assert.equal(sc?.runAsGroup, 10001, `${where}: runAsGroup`);
  assert.equal(sc?.readOnlyRootFilesystem, true, `${where}: readOnlyRootFilesystem`);
  assert.equal(sc?.allowPrivilegeEscalation, false, `${where}: allowPrivilegeEscalation`);
  assert.notEqual(sc?.privileged, true, `${where}: privileged`);
  assert.deepEqual(sc?.capabilities?.drop, ['ALL'], `${where}: capabilities drop ALL`);
  assert.equal(sc?.capabilities?.add, undefined, `${where}: no capabilities added`);
  assert.equal(sc?.seccompProfile?.type, 'RuntimeDefault', `${where}: seccomp RuntimeDefault`);
}

function assertResources(where: string, container: IContainer): void {
  for (const kind of ['requests', 'limits'] as const) {
    for (const resource of ['cpu', 'memory']) {
      assert.ok(container.resources?.[kind]?.[resource] !== undefined, `${where}: resources.${kind}.${resource}`);
    }
  }
}

function assertHttpProbe(where: string, probe: IProbe | undefined, path: string, container: IContainer): void {
  assert.equal(probe?.httpGet?.path, path, `${where}: probe path`);
  const port = probe?.httpGet?.port;
  const resolved = typeof port === 'string' ? container.ports?.find((p) => p.name === port)?.containerPort : port;
  assert.equal(resolved, 3000, `${where}: probe port resolves to 3000`);
}

function assertImage(where: string, image: string | undefined): void {
  assert.ok(image, `${where}: image`);
  // a commit SHA (what the deploy pipeline builds) or a digest; never latest, never untagged
  assert.match(
    image,
    /^[a-z0-9.-]+(:\d+)?\/[a-z0-9/._-]+(:[0-9a-f]{40}|@sha256:[0-9a-f]{64})$/,
    `${where}: image ${image} pinned to a commit SHA`,
  );
}

function checkPodTemplate(overlay: Overlay, { owner, longRunning, template }: PodTemplateOwner): void {
  const spec = template.spec;
  assert.ok(spec, `${owner}: pod spec`);
  assertPodSecurity(owner, spec);
  // the root filesystem is read-only: /tmp and the image's HOME (/var/lib/pharos) get an emptyDir in every container
  for (const path of ['/tmp', '/var/lib/pharos']) {
    const writable = spec.volumes?.find(
      (v) =>
        v.emptyDir !== undefined &&
        containersOf(spec).every((c) => c.volumeMounts?.some((m) => m.name === v.name && m.mountPath === path)),
    );
    assert.ok(writable, `${owner}: an emptyDir on ${path} in every container`);
  }
  for (const container of containersOf(spec)) {
    const where = `${overlay} ${owner} container ${container.name}`;
    assertContainerSecurity(where, container);
    assertResources(where, container);
    assertImage(where, container.image);
    for (const mount of container.volumeMounts ?? []) {
      if (spec.volumes?.find((v) => v.name === mount.name)?.configMap)
        assert.equal(mount.readOnly, true, `${where}: ConfigMap mounted read-only`);
    }
    if (!longRunning) continue;
    assertHttpProbe(`${where} startupProbe`, container.startupProbe, '/healthz', container);
    assertHttpProbe(`${where} livenessProbe`, container.livenessProbe, '/healthz', container);
    // web pods stay in the Service while the database is down (they serve the last pages, stale-marked): /readyz/serving
    const readiness =
      container.env?.find((e) => e.name === 'PHAROS_ROLE')?.value === 'web' ? '/readyz/serving' : '/readyz';
    assertHttpProbe(`${where} readinessProbe`, container.readinessProbe, readiness, container);
    const startupBudget =
      (container.startupProbe?.periodSeconds ?? 10) * (container.startupProbe?.failureThreshold ?? 3);
    assert.ok(startupBudget >= 120, `${where}: startup allows ${startupBudget} s, at least 2 minutes for migrations`);
  }
  if (!longRunning) {
    assert.equal(spec.restartPolicy, 'Never', `${owner}: a failed Job pod is not restarted in place`);
    return;
  }
  assert.equal(spec.terminationGracePeriodSeconds, 30, `${owner}: 30 s to drain (Pharos drains within 20 s)`);
  const annotations = template.metadata?.annotations ?? {};
  assert.deepEqual(
    [annotations['prometheus.io/scrape'], annotations['prometheus.io/port'], annotations['prometheus.io/path']],
    ['true', '3000', '/metrics'],
    `${owner}: Prometheus scrape annotations`,
  );
  const labels = template.metadata?.labels ?? {};
  const spread = spec.topologySpreadConstraints ?? [];
  for (const key of ['topology.kubernetes.io/zone', 'kubernetes.io/hostname']) {
    const constraint = spread.find((c) => c.topologyKey === key);
    assert.ok(constraint, `${owner}: spread over ${key}`);
    assert.equal(constraint.maxSkew, 1, `${owner}: ${key} maxSkew`);
    assert.ok(
      selectorMatches(constraint.labelSelector ?? { matchLabels: { none: 'none' } }, labels),
      `${owner}: ${key} spread selects its own pods`,
    );
  }
  assert.equal(
    spread.find((c) => c.topologyKey === 'topology.kubernetes.io/zone')?.whenUnsatisfiable,
    ZONE_SPREAD[overlay],
    `${owner}: zone spread`,
  );
}

for (const overlay of OVERLAYS) {
  describe(`pod security and operations in overlay ${overlay}`, { skip }, () => {
    test('the render has the web and worker Deployments and the migrate Job', async () => {
      const owners = podTemplatesOf(await renderKustomization(`overlays/${overlay}`)).map((p) => p.owner);
      assert.deepEqual(owners.sort(), ['Deployment/pharos-web', 'Deployment/pharos-worker', 'Job/pharos-migrate']);
    });

    test('every pod template: non-root 10001, read-only root, no escalation, no capabilities, seccomp, resources, probes', async () => {
      const templates = podTemplatesOf(await renderKustomization(`overlays/${overlay}`));
      for (const template of templates) checkPodTemplate(overlay, template);
    });

    test('web pods pause 5 s before SIGTERM so endpoints drop them first; the migrate Job runs before the Deployments', async () => {
      const objects = await renderKustomization(`overlays/${overlay}`);
      const web = podTemplatesOf(objects).find((p) => p.owner === 'Deployment/pharos-web');
      const preStop = web?.template.spec?.containers[0]?.lifecycle?.preStop;
      assert.deepEqual(preStop?.exec?.command, ['node', '-e', 'setTimeout(() => {}, 5000)']);
      const job = objects.find((o) => o.kind === 'Job');
      const annotations = job?.metadata.annotations ?? {};
      assert.equal(annotations['argocd.argoproj.io/hook'], 'Sync');
      assert.ok(
        Number(annotations['argocd.argoproj.io/sync-wave']) < 0,
        'the migrate Job runs in a wave before the Deployments',
      );
      const container = (job?.spec as { template?: { spec?: IPodSpec } } | undefined)?.template?.spec?.containers[0];
      assert.deepEqual(container?.command?.slice(-3), ['migrate', '--config', '/etc/pharos/pharos.yaml']);
      for (const obj of objects.filter((o) => ['ConfigMap', 'ServiceAccount', 'NetworkPolicy'].includes(o.kind))) {
        const wave = Number(obj.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0);
        assert.ok(
          wave < Number(annotations['argocd.argoproj.io/sync-wave']),
          `${obj.kind}/${obj.metadata.name} is in place before the migrate Job`,
        );
      }
    });
  });
}
