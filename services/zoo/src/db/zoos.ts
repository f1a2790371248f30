// Queries over the zoos table.
import { sql, type Kysely } from 'kysely';
import { isUuid } from '@supergraph/db';
import type { CreatedAtKey } from '@supergraph/pagination';
import type { Database, ZooRow } from './schema';

type Db = Kysely<Database>;

export interface ZooFilter {
  nameContains?: string;
  ownerId?: string;
}

/** `%`, `_` and `\` typed by a user are literal characters, not wildcards. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

export async function findZoosByIds(db: Db, ids: readonly string[]): Promise<ZooRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return db.selectFrom('zoos').selectAll().where('id', 'in', valid).execute();
}

function filtered(db: Db, filter: ZooFilter) {
  let query = db.selectFrom('zoos');
  if (filter.ownerId) query = query.where('ownerId', '=', filter.ownerId);
  if (filter.nameContains) query = query.where('name', 'ilike', likePattern(filter.nameContains));
  return query;
}

export async function findZoosPage(
  db: Db,
  filter: ZooFilter,
  { limit, after }: { limit: number; after: CreatedAtKey | null },
): Promise<ZooRow[]> {
  let query = filtered(db, filter).selectAll().orderBy('createdAt').orderBy('id').limit(limit);
  if (after) query = query.where((eb) => eb(eb.refTuple('createdAt', 'id'), '>', eb.tuple(after.createdAt, after.id)));
  return query.execute();
}

export async function countZoos(db: Db, filter: ZooFilter): Promise<number> {
  const { count } = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return count;
}

export type ZooColumn = keyof ZooRow;

const ALL_COLUMNS: readonly ZooColumn[] = ['id', 'name', 'description', 'ownerId', 'createdAt', 'updatedAt'];

/**
 * The first `limit` zoos of each owner after `after`, in one statement (a window over owner_id). `columns` (null:
 * all) are what the caller reads: a returned row holds only those, its id and owner, though typed as a whole row.
 */
export async function findZoosPageByOwnerIds(
  db: Db,
  ownerIds: readonly string[],
  { limit, after }: { limit: number; after: CreatedAtKey | null },
  columns: readonly ZooColumn[] | null = null,
): Promise<(ZooRow & { parentId: string })[]> {
  const valid = ownerIds.filter(isUuid);
  if (valid.length === 0) return [];
  const ranked = db
    .selectFrom('zoos')
    .select([...new Set<ZooColumn>(columns ? [...columns, 'id', 'ownerId'] : ALL_COLUMNS)])
    .select(sql<number>`row_number() over (partition by owner_id order by created_at, id)`.as('rank'))
    .where('ownerId', 'in', valid)
    .$if(after !== null, (query) =>
      query.where((eb) => eb(eb.refTuple('createdAt', 'id'), '>', eb.tuple(after!.createdAt, after!.id))),
    );
  // Each owner's rows in (created_at, id) order, which their rank is.
  const rows = (await db
    .selectFrom(ranked.as('ranked'))
    .selectAll()
    .where('rank', '<=', limit)
    .orderBy('ownerId')
    .orderBy('rank')
    .execute()) as (ZooRow & { rank: number })[];
  return rows.map(({ rank: _rank, ...row }) => ({ ...row, parentId: row.ownerId }));
}

export async function countZoosByOwnerIds(db: Db, ownerIds: readonly string[]): Promise<Map<string, number>> {
  const valid = ownerIds.filter(isUuid);
  if (valid.length === 0) return new Map();
  const rows = await db
    .selectFrom('zoos')
    .select(['ownerId', (eb) => eb.fn.countAll<number>().as('count')])
    .where('ownerId', 'in', valid)
    .groupBy('ownerId')
    .execute();
  return new Map(rows.map((row) => [row.ownerId, row.count]));
}

export async function insertZoo(
  db: Db,
  zoo: { name: string; description: string | null; ownerId: string },
): Promise<ZooRow> {
  return db.insertInto('zoos').values(zoo).returningAll().executeTakeFirstOrThrow();
}

export async function updateZoo(
  db: Db,
  id: string,
  changes: { name?: string; description?: string | null },
): Promise<ZooRow | undefined> {
  return db
    .updateTable('zoos')
    .set({ ...changes, updatedAt: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Locks the zoo row until the transaction ends, so a concurrent update cannot slip between check and delete. */
export async function findZooForUpdate(db: Db, id: string): Promise<ZooRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('zoos').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function deleteZooById(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('zoos').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Deletes every zoo a user owns (the user is gone); returns their ids. */
export async function deleteZoosOfOwner(db: Db, ownerId: string): Promise<string[]> {
  const deleted = await db.deleteFrom('zoos').where('ownerId', '=', ownerId).returning('id').execute();
  return deleted.map(({ id }) => id);
}
