// Table types of the users database, written by hand and kept in step with src/db/migrations.
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Role } from '@supergraph/auth';

export interface UsersTable {
  id: Generated<string>;
  username: string;
  email: string;
  passwordHash: string;
  role: ColumnType<Role, Role | undefined, Role>;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, never, Date>;
}

export interface RefreshTokensTable {
  id: Generated<string>;
  userId: string;
  familyId: string;
  tokenHash: string;
  createdAt: ColumnType<Date, never, never>;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/** One login's chain of refresh tokens; its row is what rotation and revocation lock. */
export interface RefreshTokenFamiliesTable {
  id: string;
  userId: string;
  createdAt: ColumnType<Date, never, never>;
  revokedAt: Date | null;
}

/** rate-limiter-flexible's counters: failed logins, credential attempts per address. */
export interface LoginThrottleTable {
  key: string;
  points: number;
  expire: number | null;
}

export interface AuthorityChangesTable {
  id: Generated<string>;
  /** subjectDigest(user id): the feed never holds the id itself. */
  subject: string;
  /** The new role; null for a deletion. */
  role: Role | null;
  deleted: boolean;
  changedAt: ColumnType<Date, never, never>;
}

export interface Database {
  users: UsersTable;
  authorityChanges: AuthorityChangesTable;
  refreshTokens: RefreshTokensTable;
  refreshTokenFamilies: RefreshTokenFamiliesTable;
  loginThrottle: LoginThrottleTable;
}

export type UserRow = Selectable<UsersTable>;
export type AuthorityChangeRow = Selectable<AuthorityChangesTable>;
