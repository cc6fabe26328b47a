import type { StoreDialect } from '../store/schema.ts';
import type { RowBatch } from './backup-format.ts';

/** A backup being restored: the schema level it was taken at, then its rows, table by table in dependency order. */
export interface BackupSource {
  header: { migrations: string[]; dialect: StoreDialect; createdAt?: string; pharosVersion?: string };
  /** throws (and so rolls the restore back) when the file turns out damaged or cut short */
  batches(): AsyncGenerator<RowBatch>;
  close(): Promise<void>;
}
