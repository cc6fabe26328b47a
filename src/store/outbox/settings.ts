import type { StoreContext } from '../store-context.ts';

/**
 * The value kept under `key`, made and stored on first use. Insert-if-absent then read back: replicas racing on
 * the first use all end up with the one value that won, whatever each of them made.
 */
export async function settingValue(ctx: StoreContext, key: string, make: () => string, now: number): Promise<string> {
  const existing = await readSetting(ctx, key);
  if (existing !== undefined) return existing;
  await ctx.db
    .insertInto('settings')
    .values({ key, value: make(), created_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const stored = await readSetting(ctx, key);
  if (stored === undefined) throw new Error(`setting ${key} vanished right after it was stored`);
  return stored;
}

async function readSetting(ctx: StoreContext, key: string): Promise<string | undefined> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}
