import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { COMPONENT_STATUSES, INCIDENT_IMPACTS, INCIDENT_STATUSES, MONITOR_STATUSES } from '../../domain/statuses.ts';
import { INCIDENT_SOURCES } from '../schema.ts';
import { oneOf, type SchemaDialect } from './schema-dialect.ts';

/**
 * What the engine resumes from (monitor states, component statuses), the status changes it emitted (kept
 * forever) and incidents with their components and updates.
 * The CHECK lists come from the vocabularies as they are today; growing a vocabulary needs a new migration.
 */
export function statesAndIncidents(d: SchemaDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await d
        .updatedInPlace(db.schema.createTable('monitor_states'))
        .addColumn('monitor_key', 'integer', (c) => c.primaryKey().references('monitors.key'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('consecutive_failures', 'bigint', (c) => c.notNull())
        .addColumn('consecutive_passes', 'bigint', (c) => c.notNull())
        .addColumn('consecutive_degraded', 'bigint', (c) => c.notNull())
        .addColumn('consecutive_clean', 'bigint', (c) => c.notNull())
        .addColumn('last_check_at', 'bigint')
        .addColumn('status_since', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('last_latency_ms', 'integer')
        .addCheckConstraint('monitor_states_status_check', oneOf('status', MONITOR_STATUSES))
        .execute();

      await d
        .addSurrogateKey(db.schema.createTable('status_changes'), 'id', { wide: true })
        .addColumn('monitor_key', 'integer', (c) => c.notNull().references('monitors.key'))
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('from_status', 'text', (c) => c.notNull())
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addCheckConstraint('status_changes_from_check', oneOf('from_status', MONITOR_STATUSES))
        .addCheckConstraint('status_changes_to_check', oneOf('to_status', MONITOR_STATUSES))
        .execute();
      await db.schema
        .createIndex('status_changes_monitor_at_idx')
        .on('status_changes')
        .columns(['monitor_key', 'at'])
        .execute();

      await db.schema
        .createTable('component_statuses')
        .addColumn('component_id', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('since', 'bigint', (c) => c.notNull())
        .addCheckConstraint('component_statuses_status_check', oneOf('status', COMPONENT_STATUSES))
        .execute();

      await db.schema
        .createTable('incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('impact', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('resolved_at', 'bigint')
        .addCheckConstraint('incidents_status_check', oneOf('status', INCIDENT_STATUSES))
        .addCheckConstraint('incidents_impact_check', oneOf('impact', INCIDENT_IMPACTS))
        .addCheckConstraint('incidents_source_check', oneOf('source', INCIDENT_SOURCES))
        .execute();
      await db.schema.createIndex('incidents_created_at_idx').on('incidents').columns(['created_at', 'id']).execute();

      await d
        .clusteredByPrimaryKey(
          db.schema
            .createTable('incident_components')
            .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
            .addColumn('component_id', 'text', (c) => c.notNull())
            .addColumn('position', 'integer', (c) => c.notNull())
            .addPrimaryKeyConstraint('incident_components_pkey', ['incident_id', 'component_id']),
        )
        .execute();

      await db.schema
        .createTable('incident_updates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('affected_components', 'text', (c) => c.notNull())
        .addCheckConstraint('incident_updates_status_check', oneOf('status', INCIDENT_STATUSES))
        .execute();
      await db.schema
        .createIndex('incident_updates_incident_idx')
        .on('incident_updates')
        .columns(['incident_id', 'created_at'])
        .execute();
    },
  };
}
