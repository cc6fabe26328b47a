// Renders the Kustomize directories under deploy/k8s with `kubectl kustomize` (offline) and parses the YAML stream.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

const run = promisify(execFile);

export const K8S_DIR = fileURLToPath(new URL('../../../deploy/k8s/', import.meta.url));
export const OVERLAYS = ['staging', 'production'] as const;
export type Overlay = (typeof OVERLAYS)[number];

/** A rendered object: only what every Kubernetes object has is typed; kind-specific parts are read through models. */
export interface RenderedObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** $KUBECTL, else `kubectl` on PATH; undefined when there is none. */
export function findKubectl(): string | undefined {
  const candidates = process.env.KUBECTL
    ? [process.env.KUBECTL]
    : (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'kubectl'));
  return candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Why the rendering tests are skipped, or false to run them. Without kubectl they are skipped on a developer's machine
 * but run (and fail, naming the missing package) in CI, where a skipped check would look like a passed one.
 */
export function kubectlSkipReason(): string | false {
  if (findKubectl() || process.env.CI) return false;
  return 'kubectl not installed (Debian: apt-get install kubernetes-client); CI fails instead of skipping';
}

const cache = new Map<string, Promise<RenderedObject[]>>();

/** `kubectl kustomize <dir>` (dir relative to deploy/k8s), parsed; rendered once per process. */
export function renderKustomization(dir: string): Promise<RenderedObject[]> {
  let rendered = cache.get(dir);
  if (!rendered) {
    rendered = renderUncached(dir);
    cache.set(dir, rendered);
  }
  return rendered;
}

async function renderUncached(dir: string): Promise<RenderedObject[]> {
  const kubectl = findKubectl();
  if (!kubectl)
    throw new Error('kubectl not found: install Debian kubernetes-client (or set $KUBECTL) to render deploy/k8s');
  const { stdout } = await run(kubectl, ['kustomize', join(K8S_DIR, dir)], {
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return parseObjects(stdout, dir);
}

/** Every document of a YAML stream as a Kubernetes object; a document that is not one is an error. */
export function parseObjects(text: string, source: string): RenderedObject[] {
  const objects: RenderedObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (!isRenderedObject(value))
      throw new Error(
        `${source}: a document without apiVersion, kind and metadata.name: ${JSON.stringify(value).slice(0, 200)}`,
      );
    objects.push(value);
  }
  return objects;
}

function isRenderedObject(value: unknown): value is RenderedObject {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const metadata = v.metadata as Record<string, unknown> | undefined;
  return typeof v.apiVersion === 'string' && typeof v.kind === 'string' && typeof metadata?.name === 'string';
}

export function describeObject(obj: RenderedObject): string {
  return `${obj.kind}/${obj.metadata.name}`;
}
