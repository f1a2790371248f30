// Refresh tokens, stored only as SHA-256 hashes. A token belongs to a family (one login); each use
// rotates it, and presenting a rotated token again revokes the whole family.
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

type Db = Kysely<Database>;

export async function insertRefreshToken(
  db: Db,
  token: { userId: string; familyId: string; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await db.insertInto('refreshTokens').values(token).execute();
}

export type RotationOutcome =
  { kind: 'rotated'; userId: string; familyId: string } | { kind: 'reused'; familyId: string } | { kind: 'invalid' };

/**
 * Marks the token used, atomically: of two concurrent uses only one rotates. A token that was already used
 * is reported as reuse; unknown, revoked and expired ones as invalid.
 */
export async function useRefreshToken(db: Db, tokenHash: string): Promise<RotationOutcome> {
  const used = await db
    .updateTable('refreshTokens')
    .set({ usedAt: sql`now()` })
    .where('tokenHash', '=', tokenHash)
    .where('usedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', sql<Date>`now()`)
    .returning(['userId', 'familyId'])
    .executeTakeFirst();
  if (used) return { kind: 'rotated', ...used };
  const existing = await db
    .selectFrom('refreshTokens')
    .select(['familyId', 'usedAt'])
    .where('tokenHash', '=', tokenHash)
    .executeTakeFirst();
  if (existing?.usedAt) return { kind: 'reused', familyId: existing.familyId };
  return { kind: 'invalid' };
}

/** Revokes every live token of a family; returns how many were live. */
export async function revokeRefreshTokenFamily(db: Db, familyId: string): Promise<number> {
  const result = await db
    .updateTable('refreshTokens')
    .set({ revokedAt: sql`now()` })
    .where('familyId', '=', familyId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Revokes the family that a token belongs to, if the token is known. Returns whether a live session ended. */
export async function revokeRefreshTokenFamilyOf(db: Db, tokenHash: string): Promise<boolean> {
  const result = await db
    .updateTable('refreshTokens')
    .set({ revokedAt: sql`now()` })
    .where('revokedAt', 'is', null)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', sql<Date>`now()`)
    .where('familyId', '=', (eb) =>
      eb.selectFrom('refreshTokens').select('familyId').where('tokenHash', '=', tokenHash),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Signs a user out everywhere (e.g. after a password change), except the family given. */
export async function revokeUserRefreshTokens(db: Db, userId: string, exceptFamilyId?: string): Promise<void> {
  let query = db
    .updateTable('refreshTokens')
    .set({ revokedAt: sql`now()` })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null);
  if (exceptFamilyId) query = query.where('familyId', '!=', exceptFamilyId);
  await query.execute();
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
