import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { type EnvironmentConfig, resourcePrefix } from './environment-config.ts';

/** Name of the DR backup vault; the primary stack's copy action builds its ARN from it. */
export function drVaultName(config: EnvironmentConfig): string {
  return `${resourcePrefix(config.name)}-dr`;
}

/**
 * Disaster-recovery half of an environment, in the DR region: the vault AWS Backup copies
 * recovery points into, and the KMS key RDS encrypts its replicated automated backups with.
 */
export class PharosDrStack extends Stack {
  readonly key: kms.Key;
  readonly vault: backup.BackupVault;

  constructor(scope: Construct, id: string, props: StackProps & { readonly config: EnvironmentConfig }) {
    super(scope, id, props);
    const prefix = resourcePrefix(props.config.name);
    this.key = new kms.Key(this, 'BackupKey', {
      alias: `alias/${prefix}-dr-backup`,
      description: `Pharos ${props.config.name}: backups replicated to the DR region`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      // copies must stay readable even if this stack is deleted
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // RDS cross-region automated backups are encrypted with this key by the RDS service.
    this.key.grant(new iam.ServicePrincipal('rds.amazonaws.com'), 'kms:CreateGrant', 'kms:DescribeKey');
    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: drVaultName(props.config),
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
