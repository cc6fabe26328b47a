import { readFileSync } from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  acknowledgeEdgeNagFindings,
  acknowledgeNagFindings,
  acknowledgeStandbyNagFindings,
} from './nag-acknowledgements.ts';
import { PharosDrStack } from './dr-stack.ts';
import { PharosEdgeStack } from './edge-stack.ts';
import {
  DR_AVAILABILITY_ZONES,
  DR_REGION,
  EDGE_REGION,
  type DeployContext,
  type EnvironmentName,
  PRIMARY_REGION,
  environmentConfigs,
  environmentNames,
  hostNameFor,
} from './environment-config.ts';
import { PharosStack } from './pharos-stack.ts';
import { PharosStandbyStack } from './standby-stack.ts';

export interface BuildAppOptions {
  /** context values on top of cdk.json's (the CLI's `-c key=value` wins over both) */
  readonly context?: Record<string, string>;
  readonly outdir?: string;
  /** run cdk-nag's AwsSolutions checks at synth (default true); a finding fails the synth */
  readonly nag?: boolean;
  /** apply nag-acknowledgements.ts (default true); tests turn it off to prove each one is needed */
  readonly acknowledge?: boolean;
}

export interface PharosApp {
  readonly app: App;
  readonly stacks: Record<
    EnvironmentName,
    { main: PharosStack; edge: PharosEdgeStack; dr: PharosDrStack; standby: PharosStandbyStack }
  >;
}

/** Stack name of one environment: PharosStaging, PharosProduction (+ `Edge`, `Dr` companions). */
export function stackNameFor(env: EnvironmentName): string {
  return `Pharos${env[0]!.toUpperCase()}${env.slice(1)}`;
}

const cdkJson = new URL('../cdk.json', import.meta.url);

/** Both environments, each as a primary-region stack plus its us-east-1 edge and DR-region stacks. */
export function buildApp(options: BuildAppOptions = {}): PharosApp {
  const defaults = (JSON.parse(readFileSync(cdkJson, 'utf8')) as { context: Record<string, string> }).context;
  const app = new App({ context: { ...defaults, ...options.context }, outdir: options.outdir });
  const context = readContext(app);
  // The account stays unresolved without credentials; nothing in the app needs its value at synth.
  const account = process.env.CDK_DEFAULT_ACCOUNT;

  const stacks = {} as PharosApp['stacks'];
  for (const env of environmentNames) {
    const config = environmentConfigs[env];
    const name = stackNameFor(env);
    const common = { crossRegionReferences: true, tags: { project: 'pharos', 'pharos:environment': env } };
    const edge = new PharosEdgeStack(app, `${name}Edge`, {
      ...common,
      env: { account, region: EDGE_REGION },
      description: `Pharos ${env}: CloudFront certificate, WAF and cost reporting (us-east-1)`,
      config,
      hostName: hostNameFor(env, context.domainName),
      hostedZoneId: context.hostedZoneId,
      hostedZoneName: context.hostedZoneName,
      alarmEmail: context.alarmEmail,
    });
    const dr = new PharosDrStack(app, `${name}Dr`, {
      ...common,
      env: { account, region: DR_REGION },
      description: `Pharos ${env}: disaster-recovery backup vault and key (${DR_REGION})`,
      config,
    });
    const main = new PharosStack(app, name, {
      ...common,
      env: { account, region: PRIMARY_REGION },
      description: `Pharos ${env}: VPC, ECS Fargate, RDS, ElastiCache, ALB, CloudFront, operations`,
      config,
      context,
      edgeStack: edge,
      drStack: dr,
    });
    main.addStackDependency(dr, 'the backup copy action targets the DR vault');
    const standby = new PharosStandbyStack(app, `${name}Standby`, {
      ...common,
      env: { account, region: DR_REGION },
      description: `Pharos ${env}: database read replica, its automatic promotion and the standby service (${DR_REGION})`,
      config,
      context,
      primaryDatabaseArn: main.data.database.instanceArn,
      primaryDatabaseId: main.data.database.instanceIdentifier,
      primarySecretArns: {
        database: main.data.databaseSecret.secretArn,
        app: main.data.appSecret.secretArn,
        server: main.data.serverSecret.secretArn,
      },
      secretsKey: dr.key,
      availabilityZones: DR_AVAILABILITY_ZONES,
    });
    standby.addStackDependency(main, 'the replica reads from the primary database');
    if (options.acknowledge ?? true) {
      acknowledgeNagFindings(main);
      acknowledgeEdgeNagFindings(edge);
      acknowledgeStandbyNagFindings(standby);
    }
    stacks[env] = { main, edge, dr, standby };
  }
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stacks };
}

function readContext(app: App): DeployContext {
  const get = (key: string): string => {
    const value: unknown = app.node.tryGetContext(key);
    if (typeof value !== 'string' || value === '')
      throw new Error(`context value "${key}" is missing (cdk.json or -c ${key}=…)`);
    return value;
  };
  const budget = (key: string): number => {
    const value = Number(get(key));
    if (!Number.isFinite(value) || value <= 0)
      throw new Error(`context value "${key}" must be a positive number of USD`);
    return value;
  };
  return {
    domainName: get('domainName'),
    hostedZoneId: get('hostedZoneId'),
    hostedZoneName: get('hostedZoneName'),
    alarmEmail: get('alarmEmail'),
    imageTag: get('imageTag'),
    cloudFrontPrefixListId: get('cloudFrontPrefixListId'),
    budgetUsd: { staging: budget('stagingBudgetUsd'), production: budget('productionBudgetUsd') },
    snsChannel: String(app.node.tryGetContext('pharosSnsChannel') ?? 'true') !== 'false',
    drCloudFrontPrefixListId: get('drCloudFrontPrefixListId'),
    standbyDesiredCount: standbyCount(get('standbyDesiredCount')),
    route53Failover: String(app.node.tryGetContext('route53Failover') ?? 'true') !== 'false',
  };
}

function standbyCount(value: string): 0 | 1 {
  if (value === '0' || value === '1') return Number(value) as 0 | 1;
  throw new Error('context value "standbyDesiredCount" must be 0 (cold standby) or 1 (warm standby)');
}
