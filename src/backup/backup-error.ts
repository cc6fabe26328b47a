export const BACKUP_ERROR_CODES = ['not_empty', 'newer_schema', 'bad_file', 'unsupported'] as const;
export type BackupErrorCode = (typeof BACKUP_ERROR_CODES)[number];

/** A backup, restore, export or import refused or failed for a reason the person can act on. */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}
