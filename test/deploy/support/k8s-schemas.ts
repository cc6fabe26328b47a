// Offline schema validation of rendered objects with kubernetes-models (the Kubernetes OpenAPI schemas, compiled).
// Known limit: those validators check types, required fields and formats, but not unknown (misspelt) fields, so the
// security settings are also asserted field by field in the tests.
import { ConfigMap, Namespace, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import type { RenderedObject } from './k8s-render.ts';

interface ValidatingModel {
  validate(): void;
}
type ModelClass = (new (data: never) => ValidatingModel) & { apiVersion: string; kind: string };

const MODELS: readonly ModelClass[] = [
  Namespace,
  ServiceAccount,
  ConfigMap,
  Secret,
  Service,
  Deployment,
  Job,
  HorizontalPodAutoscaler,
  PodDisruptionBudget,
  Ingress,
  NetworkPolicy,
];

const BY_TYPE = new Map(MODELS.map((model) => [`${model.apiVersion} ${model.kind}`, model]));

/** The model for this apiVersion and kind, or undefined for a kind the tests have no schema of (CRDs). */
export function modelFor(obj: Pick<RenderedObject, 'apiVersion' | 'kind'>): ModelClass | undefined {
  return BY_TYPE.get(`${obj.apiVersion} ${obj.kind}`);
}

/** Throws the schema violations of `obj`, or that its kind has no schema here. */
export function validateObject(obj: RenderedObject): void {
  const Model = modelFor(obj);
  if (!Model)
    throw new Error(`${obj.apiVersion} ${obj.kind} ${obj.metadata.name}: no schema to validate this kind against`);
  new Model(obj as never).validate();
}
