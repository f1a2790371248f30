import { sql, type Kysely } from 'kysely';

// The authority feed names users by the SHA-256 of their id (subjectDigest), not by the id: a deleted user's
// id then stays nowhere, while the gateway can still refuse their access tokens until they expire.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('authority_changes').addColumn('subject', 'text').execute();
  await sql`update authority_changes set subject = encode(sha256(convert_to(user_id::text, 'UTF8')), 'hex')`.execute(
    db,
  );
  await db.schema
    .alterTable('authority_changes')
    .alterColumn('subject', (col) => col.setNotNull())
    .execute();
  await db.schema.alterTable('authority_changes').dropColumn('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The ids cannot be recovered from their digests: the feed restarts empty (it covers minutes, not history).
  await sql`delete from authority_changes`.execute(db);
  await db.schema.alterTable('authority_changes').dropColumn('subject').execute();
  await db.schema
    .alterTable('authority_changes')
    .addColumn('user_id', 'uuid', (col) => col.notNull())
    .execute();
}
