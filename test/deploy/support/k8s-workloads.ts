// Typed access to the rendered objects of one kind, and to every pod template whatever holds it.
import type { IDeployment } from 'kubernetes-models/apps/v1';
import type { IJob } from 'kubernetes-models/batch/v1';
import type { IPodTemplateSpec } from 'kubernetes-models/v1';
import { describeObject, type RenderedObject } from './k8s-render.ts';

/** The rendered objects of `kind`, typed as its model's interface (call after the schema validation passed). */
export function objectsOfKind<T>(objects: readonly RenderedObject[], kind: string): (T & RenderedObject)[] {
  return objects.filter((obj) => obj.kind === kind) as (T & RenderedObject)[];
}

/** Exactly one object of `kind` named `name`. */
export function findObject<T>(objects: readonly RenderedObject[], kind: string, name: string): T & RenderedObject {
  const found = objects.filter((obj) => obj.kind === kind && obj.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind}/${name}, found ${found.length}`);
  return found[0] as T & RenderedObject;
}

export interface PodTemplateOwner {
  owner: string;
  kind: string;
  /** Deployments and the like run until stopped (so need probes); Jobs run to completion */
  longRunning: boolean;
  template: IPodTemplateSpec;
}

const POD_TEMPLATE_KINDS: Record<string, { longRunning: boolean; template: (obj: RenderedObject) => unknown }> = {
  Deployment: { longRunning: true, template: (obj) => (obj as unknown as IDeployment).spec?.template },
  StatefulSet: { longRunning: true, template: (obj) => (obj.spec as { template?: unknown } | undefined)?.template },
  DaemonSet: { longRunning: true, template: (obj) => (obj.spec as { template?: unknown } | undefined)?.template },
  ReplicaSet: { longRunning: true, template: (obj) => (obj.spec as { template?: unknown } | undefined)?.template },
  Job: { longRunning: false, template: (obj) => (obj as unknown as IJob).spec?.template },
  CronJob: {
    longRunning: false,
    template: (obj) =>
      (obj.spec as { jobTemplate?: { spec?: { template?: unknown } } } | undefined)?.jobTemplate?.spec?.template,
  },
};

/** Every pod template in the render; a pod or a workload kind unknown here is an error, so none escapes the checks. */
export function podTemplatesOf(objects: readonly RenderedObject[]): PodTemplateOwner[] {
  const owners: PodTemplateOwner[] = [];
  for (const obj of objects) {
    if (obj.kind === 'Pod') throw new Error(`${describeObject(obj)}: bare pods are not expected`);
    const kind = POD_TEMPLATE_KINDS[obj.kind];
    if (!kind) continue;
    const template = kind.template(obj);
    if (!template) throw new Error(`${describeObject(obj)} has no pod template`);
    owners.push({
      owner: describeObject(obj),
      kind: obj.kind,
      longRunning: kind.longRunning,
      template: template as IPodTemplateSpec,
    });
  }
  return owners;
}
