// Queries over the animals table.
import { sql, type Kysely, type SqlBool } from 'kysely';
import { isUuid } from '@supergraph/db';
import type { CreatedAtKey } from '@supergraph/pagination';
import type { AnimalRow, Database } from './schema';

type Db = Kysely<Database>;

export interface AnimalFilter {
  species?: string;
  nameContains?: string;
  zooId?: string;
  ownerId?: string;
}

interface Page {
  limit: number;
  after: CreatedAtKey | null;
}

/** `%`, `_` and `\` typed by a user are literal characters, not wildcards. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

function filtered(db: Db, filter: AnimalFilter) {
  let query = db.selectFrom('animals');
  if (filter.species) query = query.where(sql<string>`lower(species)`, '=', filter.species.toLowerCase());
  if (filter.nameContains) query = query.where('name', 'ilike', likePattern(filter.nameContains));
  if (filter.zooId) query = query.where('zooId', '=', filter.zooId);
  if (filter.ownerId) query = query.where('ownerId', '=', filter.ownerId);
  return query;
}

/** Keyset condition: rows strictly after `after` in (createdAt, id) order. */
const afterKey = (after: CreatedAtKey) => sql<SqlBool>`(created_at, id) > (${after.createdAt}, ${after.id})`;

export async function findAnimalsByIds(db: Db, ids: readonly string[]): Promise<AnimalRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return db.selectFrom('animals').selectAll().where('id', 'in', valid).execute();
}

export async function findAnimalsPage(db: Db, filter: AnimalFilter, { limit, after }: Page): Promise<AnimalRow[]> {
  let query = filtered(db, filter).selectAll().orderBy('createdAt').orderBy('id').limit(limit);
  if (after) query = query.where(afterKey(after));
  return query.execute();
}

export async function countAnimals(db: Db, filter: AnimalFilter): Promise<number> {
  const { count } = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return count;
}

type ParentColumn = 'zooId' | 'ownerId';
const parentSql = { zooId: sql.ref('zoo_id'), ownerId: sql.ref('owner_id') };

/**
 * The first `limit` animals of each parent (zoo or owner) after `after`, in one statement: a window over
 * the parent column, so 200 zoos cost the same single query as one.
 */
export type AnimalColumn = keyof AnimalRow;

/**
 * `columns` (null: all) are what the caller reads: a returned row holds only those, its id and its parent column,
 * though typed as a whole row.
 */
export async function findAnimalsPageByParent(
  db: Db,
  parent: ParentColumn,
  parentIds: readonly string[],
  filter: Pick<AnimalFilter, 'species'>,
  { limit, after }: Page,
  columns: readonly AnimalColumn[] | null = null,
): Promise<(AnimalRow & { parentId: string })[]> {
  const valid = parentIds.filter(isUuid);
  if (valid.length === 0) return [];
  let ranked = filtered(db, filter)
    .select([...new Set<AnimalColumn>(columns ? [...columns, 'id', parent] : ALL_COLUMNS)])
    .select(sql<number>`row_number() over (partition by ${parentSql[parent]} order by created_at, id)`.as('rank'))
    .where(parent, 'in', valid);
  if (after) ranked = ranked.where(afterKey(after));
  // Each parent's rows in (created_at, id) order, which their rank is.
  const rows = (await db
    .selectFrom(ranked.as('ranked'))
    .selectAll()
    .where('rank', '<=', limit)
    .orderBy(parentSql[parent])
    .orderBy('rank')
    .execute()) as (AnimalRow & { rank: number })[];
  return rows.map(({ rank: _rank, ...row }) => ({ ...row, parentId: row[parent]! }));
}

const ALL_COLUMNS: readonly AnimalColumn[] = [
  'id',
  'name',
  'species',
  'birthDate',
  'ownerId',
  'zooId',
  'photoUrl',
  'photoKey',
  'photoThumbnailKey',
  'photoWidth',
  'photoHeight',
  'photoContentType',
  'createdAt',
  'updatedAt',
];

/** Animals per parent (zoo or owner) matching `filter`, in one statement. */
export async function countAnimalsByParent(
  db: Db,
  parent: ParentColumn,
  parentIds: readonly string[],
  filter: Pick<AnimalFilter, 'species'>,
): Promise<Map<string, number>> {
  const valid = parentIds.filter(isUuid);
  if (valid.length === 0) return new Map();
  const rows = await filtered(db, filter)
    .select([parent, (eb) => eb.fn.countAll<number>().as('count')])
    .where(parent, 'in', valid)
    .groupBy(parent)
    .execute();
  return new Map(rows.map((row) => [(row as Record<ParentColumn, string>)[parent], row.count]));
}

export async function insertAnimal(
  db: Db,
  animal: {
    name: string;
    species: string;
    birthDate: string | null;
    ownerId: string;
    zooId: string | null;
    photoUrl: string | null;
  },
): Promise<AnimalRow> {
  return db.insertInto('animals').values(animal).returningAll().executeTakeFirstOrThrow();
}

export async function updateAnimal(
  db: Db,
  id: string,
  changes: Partial<Pick<AnimalRow, 'name' | 'species' | 'birthDate' | 'photoUrl' | 'zooId'>>,
): Promise<AnimalRow | undefined> {
  return db
    .updateTable('animals')
    .set({ ...changes, updatedAt: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteAnimalById(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('animals').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Takes every animal out of a zoo (the zoo was deleted). Returns how many were in it. */
export async function detachAnimalsFromZoo(db: Db, zooId: string): Promise<number> {
  if (!isUuid(zooId)) return 0;
  const result = await db
    .updateTable('animals')
    .set({ zooId: null, updatedAt: new Date() })
    .where('zooId', '=', zooId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Serialises, for one zoo, whatever puts an animal into it with the zoo's ZooDeleted: a transaction-scoped
 * advisory lock, so the event either sees the new animal (and takes it out) or is seen by it (and refuses it).
 */
export async function lockZoo(db: Db, zooId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`zoo:${zooId}`}, 0))`.execute(db);
}

/** Whether the zoo's ZooDeleted has been applied here. */
export async function isZooDeleted(db: Db, zooId: string): Promise<boolean> {
  const row = await db.selectFrom('deletedZoos').select('zooId').where('zooId', '=', zooId).executeTakeFirst();
  return row !== undefined;
}

export async function recordDeletedZoo(db: Db, zooId: string): Promise<void> {
  await db
    .insertInto('deletedZoos')
    .values({ zooId })
    .onConflict((conflict) => conflict.column('zooId').doNothing())
    .execute();
}

/** Deletes every animal a user owns (the user is gone). Returns how many. */
export async function deleteAnimalsOfOwner(db: Db, ownerId: string): Promise<number> {
  const result = await db.deleteFrom('animals').where('ownerId', '=', ownerId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
