// Queries over the users table.
import type { Kysely } from 'kysely';
import type { Role } from '@supergraph/auth';
import { isUniqueViolation, isUuid } from '@supergraph/db';
import { Conflict } from '@supergraph/errors';
import type { Database, UserRow } from './schema';

type Db = Kysely<Database>;

function conflictFor(error: unknown): unknown {
  if (isUniqueViolation(error, 'users_username_key')) return new Conflict('That username is taken', 'username');
  if (isUniqueViolation(error, 'users_email_key')) return new Conflict('That email is already registered', 'email');
  return error;
}

export async function findUsersByIds(db: Db, ids: readonly string[]): Promise<UserRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return db.selectFrom('users').selectAll().where('id', 'in', valid).execute();
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

export async function insertUser(
  db: Db,
  user: { username: string; email: string; passwordHash: string; role?: Role },
): Promise<UserRow> {
  try {
    return await db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
  } catch (error) {
    throw conflictFor(error);
  }
}

/** Inserts unless the username exists; used by the demo seed. */
export async function insertUserIfAbsent(
  db: Db,
  user: { username: string; email: string; passwordHash: string; role: Role },
): Promise<boolean> {
  const result = await db
    .insertInto('users')
    .values(user)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateUser(
  db: Db,
  id: string,
  changes: { username?: string; email?: string; passwordHash?: string },
): Promise<UserRow | undefined> {
  try {
    return await db
      .updateTable('users')
      .set({ ...changes, updatedAt: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  } catch (error) {
    throw conflictFor(error);
  }
}

export async function updateUserRole(db: Db, id: string, role: Role): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db
    .updateTable('users')
    .set({ role, updatedAt: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteUserById(db: Db, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A page of users in sign-up order, keyset after (createdAt, id); fetches `limit` rows. */
export async function findUsersPage(
  db: Db,
  { limit, after }: { limit: number; after: { createdAt: Date; id: string } | null },
): Promise<UserRow[]> {
  let query = db.selectFrom('users').selectAll().orderBy('createdAt').orderBy('id').limit(limit);
  if (after) query = query.where((eb) => eb(eb.refTuple('createdAt', 'id'), '>', eb.tuple(after.createdAt, after.id)));
  return query.execute();
}

export async function countUsers(db: Db): Promise<number> {
  const { count } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}
