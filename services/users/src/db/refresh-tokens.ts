// Refresh tokens, stored only as SHA-256 hashes. A token belongs to a family (one login, a row in
// refresh_token_families); each use rotates it, and presenting a rotated token again revokes the whole
// family. The family's row orders rotation and revocation: both lock it first, so a revocation never lands
// between a rotation's "mark used" and its "insert the next token".
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

type Db = Kysely<Database>;

export async function insertRefreshTokenFamily(db: Db, family: { id: string; userId: string }): Promise<void> {
  await db.insertInto('refreshTokenFamilies').values(family).execute();
}

export async function insertRefreshToken(
  db: Db,
  token: { userId: string; familyId: string; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await db.insertInto('refreshTokens').values(token).execute();
}

export function findRefreshToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('refreshTokens')
    .select(['familyId', 'usedAt'])
    .where('tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

/**
 * Locks a family's row until the transaction ends (run inside one): a revocation of that family waits for
 * the rotation holding it, and a rotation after a revocation sees it. Undefined when the family is unknown.
 */
export function lockRefreshTokenFamily(trx: Db, familyId: string) {
  return trx
    .selectFrom('refreshTokenFamilies')
    .select(['revokedAt'])
    .where('id', '=', familyId)
    .forUpdate()
    .executeTakeFirst();
}

/** Marks a live token used, atomically: of two uses only one gets its user and family back. */
export function markRefreshTokenUsed(db: Db, tokenHash: string) {
  return db
    .updateTable('refreshTokens')
    .set({ usedAt: sql`now()` })
    .where('tokenHash', '=', tokenHash)
    .where('usedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', sql<Date>`now()`)
    .returning(['userId', 'familyId'])
    .executeTakeFirst();
}

/**
 * Revokes a family: its row first (taking its lock, so a rotation under way finishes before, and one that
 * follows is refused), then every token of it not yet revoked. Returns how many of those were live.
 */
export async function revokeRefreshTokenFamily(db: Db, familyId: string): Promise<number> {
  await db
    .updateTable('refreshTokenFamilies')
    .set({ revokedAt: sql`now()` })
    .where('id', '=', familyId)
    .where('revokedAt', 'is', null)
    .execute();
  const revoked = await db
    .updateTable('refreshTokens')
    .set({ revokedAt: sql`now()` })
    .where('familyId', '=', familyId)
    .where('revokedAt', 'is', null)
    .returning(['usedAt', 'expiresAt'])
    .execute();
  const now = Date.now();
  return revoked.filter((token) => token.usedAt === null && token.expiresAt.getTime() > now).length;
}

/** Revokes the family that a token belongs to, if the token is known. Returns whether a live session ended. */
export async function revokeRefreshTokenFamilyOf(db: Db, tokenHash: string): Promise<boolean> {
  const token = await findRefreshToken(db, tokenHash);
  return token ? (await revokeRefreshTokenFamily(db, token.familyId)) > 0 : false;
}

/** Signs a user out everywhere (e.g. after a password change): families first, as revokeRefreshTokenFamily. */
export async function revokeUserRefreshTokens(db: Db, userId: string): Promise<void> {
  await db
    .updateTable('refreshTokenFamilies')
    .set({ revokedAt: sql`now()` })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .execute();
  await db
    .updateTable('refreshTokens')
    .set({ revokedAt: sql`now()` })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .execute();
}

/**
 * Deletes tokens that can no longer start a session: expired or revoked before `olderThan`. Returns how many
 * were deleted. Rotated (used) tokens stay until they expire: presenting one again is how theft is
 * detected, and that must keep working for as long as the token would have been valid.
 */
export async function deleteDeadRefreshTokens(db: Db, olderThan: Date): Promise<number> {
  const result = await db
    .deleteFrom('refreshTokens')
    .where((eb) => eb.or([eb('expiresAt', '<', olderThan), eb('revokedAt', '<', olderThan)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes families created before `olderThan` that have no token left; returns how many. */
export async function deleteEmptyRefreshTokenFamilies(db: Db, olderThan: Date): Promise<number> {
  const result = await db
    .deleteFrom('refreshTokenFamilies')
    .where('createdAt', '<', olderThan)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('refreshTokens').select('id').whereRef('refreshTokens.familyId', '=', 'refreshTokenFamilies.id'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
