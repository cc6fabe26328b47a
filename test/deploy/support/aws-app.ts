import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { type PharosApp, buildApp } from '../../../deploy/aws/lib/app.ts';
import { type EnvironmentName, environmentNames } from '../../../deploy/aws/lib/environment-config.ts';

export interface SynthesizedEnvironment {
  readonly main: Template;
  readonly edge: Template;
  readonly dr: Template;
  readonly standby: Template;
}

export interface SynthesizedApp {
  readonly pharos: PharosApp;
  readonly templates: Record<EnvironmentName, SynthesizedEnvironment>;
  readonly cleanup: () => void;
}

/**
 * Synthesizes the whole CDK app once (both environments, ~15 s on a small machine) into a temp
 * directory; a test file calls this once and asserts on the templates.
 */
export function synthesizeAwsApp(options: { nag?: boolean } = {}): SynthesizedApp {
  const outdir = mkdtempSync(join(tmpdir(), 'pharos-cdk-'));
  const pharos = buildApp({ outdir, nag: options.nag ?? false });
  const templates = {} as Record<EnvironmentName, SynthesizedEnvironment>;
  for (const env of environmentNames) {
    const stacks = pharos.stacks[env];
    templates[env] = {
      main: Template.fromStack(stacks.main),
      edge: Template.fromStack(stacks.edge),
      dr: Template.fromStack(stacks.dr),
      standby: Template.fromStack(stacks.standby),
    };
  }
  return { pharos, templates, cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}

/** Resources of one type in a template, as [logicalId, resource] pairs. */
export function resourcesOf(
  template: Template,
  type: string,
): Array<[string, { Properties?: Record<string, unknown> } & Record<string, unknown>]> {
  return Object.entries(template.findResources(type)) as Array<[string, { Properties?: Record<string, unknown> }]>;
}
