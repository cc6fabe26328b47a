import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { DR_REGION, EDGE_REGION, PRIMARY_REGION } from '../../deploy/aws/lib/environment-config.ts';
import { kubectlSkipReason, OVERLAYS, renderKustomization } from './support/k8s-render.ts';

/**
 * The runbooks (docs/runbooks): each states its RPO and RTO with a figure and its reasons, and every command in them
 * names things that exist — `pharos` subcommands and flags as the CLI's usage defines them, AWS names as the
 * synthesized CDK app creates them (in the region the command targets), Kubernetes namespaces, workloads, Secrets and
 * Argo CD Applications as deploy/k8s defines them, and files of this repository.
 */

const REPO = new URL('../..', import.meta.url).pathname;
const DIR = join(REPO, 'docs/runbooks');
const RUNBOOKS = ['deploy', 'rollback', 'restore-backup', 'database-failover', 'region-failover', 'rotate-secrets'];
const run = promisify(execFile);
const read = (name: string) => readFileSync(join(DIR, `${name}.md`), 'utf8');

// ---- commands out of Markdown ----------------------------------------------------------------------------------

const COMMAND_WORDS = new Set([
  'aws',
  'npx',
  'kubectl',
  'argocd',
  'pharos',
  'node',
  'gh',
  'docker',
  'curl',
  'git',
  'sed',
  'jq',
  'cat',
]);
const OPERATORS = new Set(['|', '||', '&&', ';', '>', '>>', '2>', '<', ')']);

/** Shell commands of a runbook: fenced sh blocks (continuations joined, heredoc bodies and comments dropped) and
 * inline code spans in the prose that start with a command. */
function commandsOf(markdown: string): string[] {
  const commands: string[] = [];
  for (const [, body] of markdown.matchAll(/```(?:sh|bash)\n([\s\S]*?)```/g)) {
    let heredocEnd: string | undefined;
    for (const line of body!.replace(/\\\n\s*/g, ' ').split('\n')) {
      if (heredocEnd !== undefined) {
        if (line.trim() === heredocEnd) heredocEnd = undefined;
        continue;
      }
      heredocEnd = /<<-?'?(\w+)'?/.exec(line)?.[1];
      const command = line.replace(/(^|\s)#.*$/, '').trim();
      if (command) commands.push(command);
    }
  }
  // in the prose, a code span with a flag is a command; `pharos backup` alone names one (checked by mentionsOf)
  for (const span of proseSpans(markdown))
    if (COMMAND_WORDS.has(span.split(' ')[0]!) && / -/.test(span)) commands.push(span);
  return commands;
}

function proseSpans(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '');
  return [...prose.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\s+/g, ' ').trim());
}

/** `pharos <command>` named in the prose without its arguments */
const mentionsOf = (markdown: string) =>
  proseSpans(markdown)
    .filter((s) => /^pharos [a-z-]+$/.test(s))
    .map((s) => s.split(' ')[1]!);

/** Words of a command line, quotes removed; `$(…)`, `"$X"` and `<a placeholder>` kept as one word. */
function words(command: string): string[] {
  return [...command.matchAll(/"[^"]*"|'[^']*'|\$\([^)]*\)|(?:[^\s"'<]|<[^>]*>)+/g)].map((m) =>
    m[0].replace(/^(["'])(.*)\1$/, '$2'),
  );
}

/** The values of a flag (`--flag v`, `--flag=v`; with `many`, every word up to the next flag: `--services a b`). */
function flagValues(ws: string[], flag: string, many = false): string[] {
  const values: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    if (ws[i] === flag) {
      for (let j = i + 1; j < ws.length && !ws[j]!.startsWith('-') && !OPERATORS.has(ws[j]!); j++) {
        values.push(ws[j]!);
        if (!many) break;
      }
    } else if (ws[i]!.startsWith(`${flag}=`)) values.push(ws[i]!.slice(flag.length + 1));
  }
  return values;
}
const MULTI_VALUE_FLAGS = new Set(['--services']);

/** a placeholder or a shell variable: nothing to check */
const isPlaceholder = (value: string) => /[<$]/.test(value);

const allCommands = new Map(RUNBOOKS.map((name) => [name, commandsOf(read(name))]));

// ---- the pharos CLI's usage --------------------------------------------------------------------------------------

interface UsageSpec {
  flags: Set<string>;
  requiredFlags: string[];
  positionals: { required: number; optional: number };
}

/** The usage text, parsed: `backup --out FILE` → --out required; `export [--out FILE]` → optional; `restore FILE` → one positional. */
function parseUsage(usage: string): Map<string, UsageSpec> {
  const specs = new Map<string, UsageSpec>();
  for (const line of usage.split('\n')) {
    const match = /^ {2}([a-z][a-z-]*(?: (?:add|create))?)((?: \S+)*?)(?: {2,}.*)?$/.exec(line);
    if (!match) continue;
    const [, name, rest] = match as unknown as [string, string, string];
    const optionalGroups = [...rest.matchAll(/\[(--[a-z-]+)(?: [^\]]+)?\]|\[([A-Z]+)\]/g)];
    const required = rest
      .replace(/\[(--[a-z-]+)(?: [^\]]+)?\]|\[([A-Z]+)\]/g, ' ')
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    const spec: UsageSpec = {
      flags: new Set(['--config']),
      requiredFlags: [],
      positionals: { required: 0, optional: 0 },
    };
    for (let i = 0; i < required.length; i++) {
      if (required[i]!.startsWith('--')) {
        spec.flags.add(required[i]!);
        spec.requiredFlags.push(required[i]!);
        i++; // its value
      } else if (/^[A-Z]+$/.test(required[i]!)) spec.positionals.required++;
    }
    for (const [, flag, positional] of optionalGroups) {
      if (flag) spec.flags.add(flag);
      if (positional) spec.positionals.optional++;
    }
    specs.set(name, spec);
  }
  return specs;
}

/** `pharos <command> …` (also `bin/pharos.js`) where a command starts, with its arguments up to a shell operator. */
function pharosInvocations(command: string): string[][] {
  const ws = words(command);
  const found: string[][] = [];
  ws.forEach((word, i) => {
    if (word !== 'pharos' && !word.endsWith('bin/pharos.js')) return;
    const previous = ws[i - 1];
    if (
      previous !== undefined &&
      !['npx', 'node', '--', 'exec', '&&', '||', ';', '|'].includes(previous) &&
      !/^[A-Z_]+=/.test(previous)
    )
      return;
    const end = ws.findIndex((w, j) => j > i && OPERATORS.has(w));
    found.push(ws.slice(i + 1, end === -1 ? undefined : end));
  });
  return found;
}

function checkPharosInvocation(args: string[], specs: Map<string, UsageSpec>): string | undefined {
  const name = specs.has(`${args[0]} ${args[1]}`) ? `${args[0]} ${args[1]}` : args[0]!;
  const spec = specs.get(name);
  if (!spec) return `no command "${args[0]}"`;
  const rest = args.slice(name.split(' ').length);
  const positionals: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (!rest[i]!.startsWith('-')) {
      positionals.push(rest[i]!);
      continue;
    }
    if (!spec.flags.has(rest[i]!)) return `"${name}" has no ${rest[i]} (usage: ${[...spec.flags].join(' ')})`;
    if (rest[i + 1] === undefined || rest[i + 1]!.startsWith('-')) return `${rest[i]} without a value`;
    i++;
  }
  const missing = spec.requiredFlags.filter((flag) => !rest.includes(flag));
  if (missing.length > 0) return `"${name}" needs ${missing.join(' ')}`;
  const { required, optional } = spec.positionals;
  if (positionals.length < required || positionals.length > required + optional)
    return `"${name}" takes ${required}–${required + optional} arguments, got ${positionals.length}`;
  return undefined;
}

// ---- what the CDK app and the Kubernetes manifests create ----------------------------------------------------------

/** resource type → the property holding its physical name */
const NAMED = {
  'AWS::ECS::Cluster': 'ClusterName',
  'AWS::ECS::Service': 'ServiceName',
  'AWS::ECS::TaskDefinition': 'Family',
  'AWS::RDS::DBInstance': 'DBInstanceIdentifier',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::ElastiCache::ReplicationGroup': 'ReplicationGroupId',
  'AWS::Backup::BackupVault': 'BackupVaultName',
  'AWS::KMS::Alias': 'AliasName',
  'AWS::Logs::LogGroup': 'LogGroupName',
} as const;
type NamedType = keyof typeof NAMED;

/** AWS CLI flag → the kind of name it takes */
const AWS_NAME_FLAGS: Record<string, NamedType> = {
  '--cluster': 'AWS::ECS::Cluster',
  '--service': 'AWS::ECS::Service',
  '--services': 'AWS::ECS::Service',
  '--task-definition': 'AWS::ECS::TaskDefinition',
  '--family-prefix': 'AWS::ECS::TaskDefinition',
  '--db-instance-identifier': 'AWS::RDS::DBInstance',
  '--source-db-instance-identifier': 'AWS::RDS::DBInstance',
  '--source-identifier': 'AWS::RDS::DBInstance',
  '--secret-id': 'AWS::SecretsManager::Secret',
  '--alarm-name': 'AWS::CloudWatch::Alarm',
  '--alarm-name-prefix': 'AWS::CloudWatch::Alarm',
  '--replication-group-id': 'AWS::ElastiCache::ReplicationGroup',
  '--backup-vault-name': 'AWS::Backup::BackupVault',
  '--kms-key-id': 'AWS::KMS::Alias',
};
/** flags that create a name the rest of the runbook may then use */
const AWS_CREATING_FLAGS: Record<string, NamedType> = {
  '--target-db-instance-identifier': 'AWS::RDS::DBInstance',
  '--new-db-instance-identifier': 'AWS::RDS::DBInstance',
};

interface Deployed {
  stacks: Map<string, string>; // name → region
  names: Map<NamedType, Map<string, string>>; // kind → name → region
  contextKeys: Set<string>;
}

async function synthesizeCdkApp(): Promise<Deployed> {
  process.env['CDK_VALIDATION'] = 'false'; // the template validation takes 15 s and checks nothing named here
  process.env['JSII_DEPRECATED'] = 'quiet';
  const { buildApp } = await import('../../deploy/aws/lib/app.ts');
  const outdir = await mkdtemp(join(tmpdir(), 'pharos-cdk-'));
  try {
    const assembly = buildApp({ nag: false, outdir }).app.synth();
    const deployed: Deployed = { stacks: new Map(), names: new Map(), contextKeys: new Set() };
    for (const stack of assembly.stacks) {
      deployed.stacks.set(stack.stackName, stack.environment.region);
      const resources = (
        stack.template as { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> }
      ).Resources;
      for (const { Type, Properties } of Object.values(resources)) {
        const value = Properties?.[NAMED[Type as NamedType] ?? ''];
        if (typeof value !== 'string') continue;
        const byName = deployed.names.get(Type as NamedType) ?? new Map<string, string>();
        deployed.names.set(Type as NamedType, byName.set(value, stack.environment.region));
      }
    }
    const cdkJson = JSON.parse(readFileSync(join(REPO, 'deploy/aws/cdk.json'), 'utf8')) as {
      context: Record<string, unknown>;
    };
    for (const key of Object.keys(cdkJson.context)) if (!key.startsWith('@')) deployed.contextKeys.add(key);
    return deployed;
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

interface Manifests {
  namespaces: Set<string>;
  /** `kind/name` (lower-case kind) → container names */
  workloads: Map<string, Set<string>>;
  /** Secrets the workloads read (created outside the manifests) */
  secrets: Set<string>;
  applications: Set<string>;
  externalSecrets: Set<string>;
}

/** Every namespace, workload, read Secret, Application and ExternalSecret deploy/k8s defines. */
async function renderManifests(): Promise<Manifests> {
  const manifests: Manifests = {
    namespaces: new Set(['argocd']),
    workloads: new Map(),
    secrets: new Set(),
    applications: new Set(),
    externalSecrets: new Set(),
  };
  for (const overlay of OVERLAYS) {
    for (const object of await renderKustomization(`overlays/${overlay}`)) {
      if (object.metadata.namespace) manifests.namespaces.add(object.metadata.namespace);
      const pod = (object['spec'] as { template?: { spec?: { containers?: { name: string }[] } } } | undefined)
        ?.template?.spec;
      manifests.workloads.set(
        `${object.kind.toLowerCase()}/${object.metadata.name}`,
        new Set((pod?.containers ?? []).map((c) => c.name)),
      );
      for (const [, secret] of JSON.stringify(object).matchAll(/"secretKeyRef":\{[^}]*"name":"([^"]+)"/g))
        manifests.secrets.add(secret!);
    }
  }
  for (const [dir, kind, into] of [
    ['argocd', 'Application', manifests.applications],
    ['optional/external-secrets', 'ExternalSecret', manifests.externalSecrets],
  ] as const) {
    for (const object of await renderKustomization(dir)) if (object.kind === kind) into.add(object.metadata.name);
  }
  return manifests;
}

// ---- the tests -------------------------------------------------------------------------------------------------

describe('runbooks', () => {
  test('exist, and the index links every one of them', () => {
    const index = readFileSync(join(DIR, 'README.md'), 'utf8');
    for (const name of RUNBOOKS) assert.match(index, new RegExp(`\\]\\(${name}\\.md\\)`), `README.md links ${name}.md`);
    assert.deepEqual(readdirSync(DIR).sort(), ['README.md', ...RUNBOOKS.map((n) => `${n}.md`)].sort());
  });

  test('link only to files that exist', () => {
    for (const name of ['README', ...RUNBOOKS]) {
      for (const [, target] of read(name).matchAll(/\]\(([^)#\s]+)\)/g)) {
        if (/^https?:/.test(target!)) continue;
        assert.ok(existsSync(join(DIR, target!)), `${name}.md links ${target}, which does not exist`);
      }
    }
  });

  for (const name of RUNBOOKS) {
    test(`${name}.md states its RPO and RTO with a figure and the reasons, has commands, verification and what to do when it goes wrong`, () => {
      const sections = new Map(
        [...read(name).matchAll(/^## (.+)\n([\s\S]*?)(?=^## |(?![\s\S]))/gm)].map((m) => [m[1]!.trim(), m[2]!.trim()]),
      );
      for (const heading of ['RPO', 'RTO', 'Verify', 'When it goes wrong'])
        assert.ok(sections.has(heading), `${name}.md has no "## ${heading}" section`);
      for (const heading of ['RPO', 'RTO']) {
        const body = sections.get(heading)!;
        assert.match(body, /\*\*[^*]*\d[^*]*\*\*/, `${name}.md ${heading}: the expected figure, in bold`);
        assert.match(body, /\b(0|\d+(–\d+)?\s*(s|seconds?|minutes?|hours?))\b/, `${name}.md ${heading}: a duration`);
        assert.ok(body.split(/[.:;]\s/).length >= 3, `${name}.md ${heading}: say why, not only the figure`);
      }
      assert.ok(allCommands.get(name)!.length >= 5, `${name}.md has ${allCommands.get(name)!.length} commands`);
    });
  }
});

describe('runbook commands', () => {
  let usage: Map<string, UsageSpec>;
  let deployed: Deployed;
  before(async () => {
    const help = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--help'], { cwd: REPO });
    usage = parseUsage(help.stdout);
    deployed = await synthesizeCdkApp();
  });

  test('the usage parser reads the CLI (so the next test checks something)', () => {
    assert.deepEqual(usage.get('backup')?.requiredFlags, ['--out']);
    assert.deepEqual(usage.get('restore')?.positionals, { required: 1, optional: 0 });
    assert.ok(usage.get('export')?.flags.has('--out') && usage.get('export')?.requiredFlags.length === 0);
    assert.deepEqual(usage.get('user add')?.requiredFlags, ['--email', '--role']);
    assert.equal(checkPharosInvocation(['backup', '--config', 'x.yaml'], usage), '"backup" needs --out');
    assert.match(checkPharosInvocation(['restore', 'a.bak', '--force', 'yes'], usage) ?? '', /has no --force/);
    assert.equal(checkPharosInvocation(['restore', 'a.bak', '--config', 'c.yaml'], usage), undefined);
  });

  test('every pharos command exists and takes the flags and arguments it is given', () => {
    const used = new Set<string>();
    for (const [name, commands] of allCommands) {
      for (const command of commands) {
        for (const args of pharosInvocations(command)) {
          used.add(args[0]!);
          const problem = checkPharosInvocation(args, usage);
          assert.equal(problem, undefined, `${name}.md: ${command}\n  ${problem}`);
        }
      }
    }
    for (const command of ['backup', 'restore', 'migrate', 'token'])
      assert.ok(used.has(command), `no runbook runs pharos ${command}`);
    for (const name of ['README', ...RUNBOOKS]) {
      for (const mentioned of mentionsOf(read(name)))
        assert.ok(usage.has(mentioned), `${name}.md mentions pharos ${mentioned}, which does not exist`);
    }
  });

  test('every AWS name is one the CDK app creates (or the runbook creates first), in the region the command targets', () => {
    let checked = 0;
    for (const [name, commands] of allCommands) {
      const created = new Map<string, string>();
      for (const command of commands) {
        const ws = words(command);
        if (ws[0] !== 'aws') continue;
        const region = flagValues(ws, '--region')[0] ?? PRIMARY_REGION;
        assert.ok(
          [PRIMARY_REGION, DR_REGION, EDGE_REGION].includes(region),
          `${name}.md: ${command}\n  region ${region}`,
        );
        for (const [flag, kind] of Object.entries(AWS_CREATING_FLAGS))
          for (const value of flagValues(ws, flag)) created.set(`${kind} ${value}`, region);
        for (const [flag, kind] of Object.entries(AWS_NAME_FLAGS)) {
          for (const raw of flagValues(ws, flag, MULTI_VALUE_FLAGS.has(flag))) {
            const value = kind === 'AWS::ECS::TaskDefinition' ? raw.replace(/:[^:]*$/, '') : raw;
            if (isPlaceholder(value) || (flag === '--kms-key-id' && !value.startsWith('alias/'))) continue;
            const known = [...(deployed.names.get(kind) ?? new Map<string, string>())];
            const match =
              flag === '--alarm-name-prefix'
                ? known.find(([n]) => n.startsWith(value))
                : known.find(([n]) => n === value);
            const where = match?.[1] ?? created.get(`${kind} ${value}`);
            assert.ok(where, `${name}.md: ${command}\n  ${flag} ${value}: no ${kind} of that name`);
            assert.equal(
              where,
              region,
              `${name}.md: ${command}\n  ${value} is in ${where}, the command targets ${region}`,
            );
            checked++;
          }
        }
        if (ws[1] === 'logs' && ws[2] === 'tail' && !isPlaceholder(ws[3]!)) {
          assert.ok(
            deployed.names.get('AWS::Logs::LogGroup')?.has(ws[3]!),
            `${name}.md: ${command}\n  no log group ${ws[3]}`,
          );
          checked++;
        }
        for (const stack of flagValues(ws, '--stack-name'))
          assert.ok(deployed.stacks.has(stack), `${name}.md: no stack ${stack}`);
      }
    }
    assert.ok(checked >= 40, `only ${checked} AWS names checked: the command parser misses some`);
  });

  test('every cdk command names a stack and context keys the app has', () => {
    let checked = 0;
    for (const [name, commands] of allCommands) {
      for (const command of commands) {
        const ws = words(command);
        const cdk = ws.findIndex((w, i) => w === 'cdk' && ws[i - 1] === 'npx');
        if (cdk === -1 || !['deploy', 'diff', 'synth'].includes(ws[cdk + 1]!)) continue;
        const stack = ws[cdk + 2]!;
        assert.ok(deployed.stacks.has(stack), `${name}.md: ${command}\n  no stack ${stack} in the CDK app`);
        for (const assignment of flagValues(ws, '-c'))
          assert.ok(
            deployed.contextKeys.has(assignment.split('=')[0]!),
            `${name}.md: ${command}\n  no context key ${assignment}`,
          );
        checked++;
      }
    }
    assert.ok(checked >= 5, `only ${checked} cdk commands`);
  });

  test(
    'every Kubernetes namespace, workload, container, Secret and Argo CD Application exists in deploy/k8s',
    { skip: kubectlSkipReason() },
    async () => {
      const k8s = await renderManifests();
      let checked = 0;
      for (const [name, commands] of allCommands) {
        for (const command of commands) {
          const ws = words(command);
          const where = `${name}.md: ${command}\n `;
          if (ws[0] === 'argocd' && ws[1] === 'app') {
            assert.ok(k8s.applications.has(ws[3]!), `${where} no Argo CD Application ${ws[3]}`);
            checked++;
          }
          if (ws[0] !== 'kubectl') continue;
          const namespaces = [
            ...flagValues(ws, '-n'),
            ...flagValues(ws, '--namespace'),
            ...(ws[1] === 'create' && ws[2] === 'namespace' ? [ws[3]!] : []),
          ];
          for (const namespace of namespaces)
            assert.ok(k8s.namespaces.has(namespace), `${where} no namespace ${namespace}`);
          const workloads = ws
            .filter((w) => /^(deployment|deploy|job)\/[\w-]+$/.test(w))
            .map((w) => w.replace(/^deploy\//, 'deployment/'));
          for (const workload of workloads) assert.ok(k8s.workloads.has(workload), `${where} no ${workload}`);
          // the words without the namespace flag: `kubectl -n x create secret generic y` → kubectl create secret generic y
          const verbs = ws.filter(
            (w, i) => !['-n', '--namespace'].includes(w) && !['-n', '--namespace'].includes(ws[i - 1]!),
          );
          const container = verbs[1] === 'exec' ? flagValues(ws, '-c')[0] : undefined;
          if (container)
            assert.ok(
              workloads.some((w) => k8s.workloads.get(w)?.has(container)),
              `${where} no container ${container}`,
            );
          const secret =
            verbs[1] === 'create' && verbs[2] === 'secret' && verbs[3] === 'generic' ? verbs[4] : undefined;
          if (secret) assert.ok(k8s.secrets.has(secret), `${where} no workload reads a Secret ${secret}`);
          const externalSecret = verbs[2] === 'externalsecret' ? verbs[3] : undefined;
          if (externalSecret)
            assert.ok(k8s.externalSecrets.has(externalSecret), `${where} no ExternalSecret ${externalSecret}`);
          for (const path of flagValues(ws, '-k'))
            assert.ok(existsSync(join(REPO, path, 'kustomization.yaml')), `${where} no kustomization in ${path}`);
          checked +=
            namespaces.length + workloads.length + (container ? 1 : 0) + (secret ? 1 : 0) + (externalSecret ? 1 : 0);
        }
      }
      assert.ok(checked >= 20, `only ${checked} Kubernetes names checked`);
    },
  );

  test('every file of this repository a command uses exists', () => {
    for (const [name, commands] of allCommands) {
      for (const command of commands) {
        const ws = words(command);
        for (const word of ws) {
          if (ws[0] === 'kubectl' && /^(deploy|deployment|job)\/[\w-]+$/.test(word)) continue; // a workload, not a path
          const path = /^(?:\.\.\/)*((?:\.github|deploy|docs|src|scripts)\/[\w./-]+)$/.exec(word)?.[1];
          if (path) assert.ok(existsSync(join(REPO, path)), `${name}.md: ${command}\n  no ${path}`);
        }
      }
    }
  });
});
