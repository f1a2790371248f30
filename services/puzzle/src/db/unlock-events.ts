// Unlock events: one row per puzzle, written once when its unlock time has passed.
import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** Records every unlock that has happened by `now` and is not recorded yet; returns how many it recorded. */
export async function recordDueUnlocks(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db
    .insertInto('puzzleUnlockEvents')
    .columns(['puzzleId', 'unlockedAt'])
    .expression((eb) => eb.selectFrom('puzzles').select(['id', 'unlocksAt']).where('unlocksAt', '<=', now))
    .onConflict((oc) => oc.column('puzzleId').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
