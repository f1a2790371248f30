// The authority feed's rows: who (by subjectDigest) lost or gained a role, or was deleted, and when.
import type { Kysely, Transaction } from 'kysely';
import { subjectDigest, type Role } from '@supergraph/auth';
import type { AuthorityChangeRow, Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertAuthorityChange(
  db: Db,
  change: { userId: string; role: Role | null; deleted: boolean },
): Promise<void> {
  const { userId, ...rest } = change;
  await db
    .insertInto('authorityChanges')
    .values({ subject: subjectDigest(userId), ...rest })
    .execute();
}

/** Each user's latest change since `since`: one row per user, the newest. */
export async function findLatestAuthorityChanges(db: Db, since: Date): Promise<AuthorityChangeRow[]> {
  return db
    .selectFrom('authorityChanges')
    .selectAll()
    .distinctOn('subject')
    .where('changedAt', '>=', since)
    .orderBy('subject')
    .orderBy('changedAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Forgets changes older than any access token that could still be alive. */
export async function deleteAuthorityChangesBefore(db: Db, before: Date): Promise<number> {
  const result = await db.deleteFrom('authorityChanges').where('changedAt', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
