// Sessions: an access token plus a rotating refresh token. Refresh tokens are random, stored hashed,
// single-use; presenting a used one again is treated as theft and ends the whole session family.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken, type SigningKey, type TokenAudience } from '@supergraph/auth';
import { Unauthenticated } from '@supergraph/errors';
import {
  findRefreshToken,
  insertRefreshToken,
  insertRefreshTokenFamily,
  lockRefreshTokenFamily,
  markRefreshTokenUsed,
  revokeRefreshTokenFamily,
  revokeRefreshTokenFamilyOf,
} from './db/refresh-tokens';
import type { Database, UserRow } from './db/schema';
import { findUsersByIds } from './db/users';

export interface SessionSettings extends TokenAudience {
  signingKey: SigningKey;
  refreshTokenTtlDays: number;
}

export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: UserRow;
}

const hashRefreshToken = (refreshToken: string) => createHash('sha256').update(refreshToken).digest('hex');

async function issue(
  db: Kysely<Database>,
  settings: SessionSettings,
  user: UserRow,
  familyId: string,
): Promise<AuthPayload> {
  const refreshToken = randomBytes(32).toString('base64url');
  await insertRefreshToken(db, {
    userId: user.id,
    familyId,
    tokenHash: hashRefreshToken(refreshToken),
    expiresAt: new Date(Date.now() + settings.refreshTokenTtlDays * 86_400_000),
  });
  const accessToken = issueAccessToken(settings.signingKey, { id: user.id, role: user.role }, settings);
  return { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, user };
}

export function startSession(db: Kysely<Database>, settings: SessionSettings, user: UserRow): Promise<AuthPayload> {
  return db.transaction().execute(async (trx) => {
    const familyId = randomUUID();
    await insertRefreshTokenFamily(trx, { id: familyId, userId: user.id });
    return issue(trx, settings, user, familyId);
  });
}

type Rotation = { kind: 'rotated'; payload: AuthPayload } | { kind: 'reused' } | { kind: 'invalid' };

/**
 * Rotates a refresh token in one transaction that holds its family's row: checks the family is not revoked,
 * marks the token used, issues the next one. A token already used is reuse: the family is revoked (in the
 * same transaction, which commits) and the caller gets UNAUTHENTICATED.
 */
export async function refreshSession(
  db: Kysely<Database>,
  settings: SessionSettings,
  refreshToken: string,
): Promise<AuthPayload> {
  const tokenHash = hashRefreshToken(refreshToken);
  const rotation = await db.transaction().execute(async (trx): Promise<Rotation> => {
    const token = await findRefreshToken(trx, tokenHash);
    if (!token) return { kind: 'invalid' };
    const family = await lockRefreshTokenFamily(trx, token.familyId);
    if (!family || family.revokedAt) return { kind: 'invalid' };
    const used = await markRefreshTokenUsed(trx, tokenHash);
    if (!used) {
      // Read again under the lock: a rotation that held it before us may have used the token meanwhile.
      if (!(await findRefreshToken(trx, tokenHash))?.usedAt) return { kind: 'invalid' };
      await revokeRefreshTokenFamily(trx, token.familyId);
      return { kind: 'reused' };
    }
    const [user] = await findUsersByIds(trx, [used.userId]);
    if (!user) return { kind: 'invalid' };
    return { kind: 'rotated', payload: await issue(trx, settings, user, used.familyId) };
  });
  if (rotation.kind === 'reused')
    throw new Unauthenticated('Refresh token was already used; the session has been ended');
  if (rotation.kind === 'invalid') throw new Unauthenticated('Invalid or expired refresh token');
  return rotation.payload;
}

export function endSession(db: Kysely<Database>, refreshToken: string): Promise<boolean> {
  return db.transaction().execute((trx) => revokeRefreshTokenFamilyOf(trx, hashRefreshToken(refreshToken)));
}
