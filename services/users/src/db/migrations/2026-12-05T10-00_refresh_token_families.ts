import { sql, type Kysely } from 'kysely';

// A refresh-token family (one login's chain of rotations) gets a row of its own: its revocation is recorded
// there, and a rotation locks it (SELECT … FOR UPDATE) before it marks the old token used and inserts the new
// one, so a revocation can no longer land between the two and leave the new token alive.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('refresh_token_families')
    .addColumn('id', 'uuid', (col) => col.primaryKey())
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('refresh_token_families_user_id_idx')
    .on('refresh_token_families')
    .column('user_id')
    .execute();
  // Every revocation so far revoked the family's live token, so a family with a revoked token is revoked.
  await sql`
    insert into refresh_token_families (id, user_id, created_at, revoked_at)
    select family_id, (array_agg(user_id))[1], min(created_at), max(revoked_at)
    from refresh_tokens group by family_id
  `.execute(db);
  await db.schema
    .alterTable('refresh_tokens')
    .addForeignKeyConstraint('refresh_tokens_family_id_fkey', ['family_id'], 'refresh_token_families', ['id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('refresh_tokens').dropConstraint('refresh_tokens_family_id_fkey').execute();
  await db.schema.dropTable('refresh_token_families').execute();
}
