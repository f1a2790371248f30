// Sessions: an access token plus a rotating refresh token. Refresh tokens are random, stored hashed,
// single-use; presenting a used one again is treated as theft and ends the whole session family.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken, type SigningKey, type TokenAudience } from '@supergraph/auth';
import { Unauthenticated } from '@supergraph/errors';
import {
  insertRefreshToken,
  revokeRefreshTokenFamily,
  revokeRefreshTokenFamilyOf,
  useRefreshToken,
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
  return issue(db, settings, user, randomUUID());
}

export async function refreshSession(
  db: Kysely<Database>,
  settings: SessionSettings,
  refreshToken: string,
): Promise<AuthPayload> {
  const outcome = await useRefreshToken(db, hashRefreshToken(refreshToken));
  if (outcome.kind === 'reused') {
    await revokeRefreshTokenFamily(db, outcome.familyId);
    throw new Unauthenticated('Refresh token was already used; the session has been ended');
  }
  if (outcome.kind === 'invalid') throw new Unauthenticated('Invalid or expired refresh token');
  const [user] = await findUsersByIds(db, [outcome.userId]);
  if (!user) throw new Unauthenticated('Invalid or expired refresh token');
  return issue(db, settings, user, outcome.familyId);
}

export function endSession(db: Kysely<Database>, refreshToken: string): Promise<boolean> {
  return revokeRefreshTokenFamilyOf(db, hashRefreshToken(refreshToken));
}
