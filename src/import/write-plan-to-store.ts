import type { ServiceContext } from '../admin/service-context.ts';
import type { ImportPlan } from './import-plan.ts';
import { writeCatalog } from './store/write-catalog.ts';
import { writeHistory } from './store/write-history.ts';
import { writeIncidents } from './store/write-incidents.ts';
import { writeSubscribers } from './store/write-subscribers.ts';

/**
 * Write a checked plan into the store: catalog objects through the admin services (each in its own transaction,
 * audited, as the API writes them), then incidents, subscribers and history. Running it again writes nothing new.
 */
export async function writePlanToStore(ctx: ServiceContext, plan: ImportPlan, env: NodeJS.ProcessEnv): Promise<void> {
  await writeCatalog(ctx, plan, env);
  await writeIncidents(ctx, plan);
  await writeSubscribers(ctx, plan);
  await writeHistory(ctx, plan);
}
