import { z } from 'zod';
import type { TableName } from './backup-tables.ts';

/**
 * `pharos export` / `pharos import`: the configuration-like data of a store as one JSON document, to move
 * it between SQLite and PostgreSQL. History (results, rollups, states, incidents, audit) and transient
 * rows (sessions, outbox, setup links, settings) stay behind. It holds secrets: password hashes, TOTP
 * secrets, token hashes and notification channels' credentials.
 */
export const EXPORT_FORMAT = 'pharos-export';
export const EXPORT_FORMAT_VERSION = 1;

/** The exported tables, in the order an import writes them (tokens after their users). */
export const EXPORT_TABLES = [
  'monitors',
  'components',
  'catalog_objects',
  'component_overrides',
  'users',
  'api_tokens',
  'subscribers',
] as const satisfies readonly TableName[];
export type ExportTable = (typeof EXPORT_TABLES)[number];

/** How an import matches an exported row to a stored one (monitors by id: their integer key is local). */
export const EXPORT_MATCH: Record<ExportTable, readonly string[]> = {
  monitors: ['id'],
  components: ['id'],
  catalog_objects: ['kind', 'id'],
  component_overrides: ['component_id'],
  users: ['id'],
  api_tokens: ['id'],
  subscribers: ['id'],
};

/** Columns stored as JSON text, shown in the document as JSON values so the file reads (and diffs) well. */
export const EXPORT_JSON_COLUMNS: Partial<Record<ExportTable, readonly string[]>> = {
  monitors: ['config'],
  components: ['config'],
  catalog_objects: ['config'],
  users: ['recovery_code_hashes'],
  subscribers: ['component_ids'],
};

const rows = z.array(z.record(z.string(), z.unknown())).default([]);

export const exportDocumentSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_FORMAT_VERSION),
  pharos_version: z.string(),
  exported_at: z.string(),
  dialect: z.enum(['sqlite', 'postgres']),
  tables: z
    .object(Object.fromEntries(EXPORT_TABLES.map((t) => [t, rows])) as Record<ExportTable, typeof rows>)
    .strict(),
});
export type ExportDocument = z.infer<typeof exportDocumentSchema>;
