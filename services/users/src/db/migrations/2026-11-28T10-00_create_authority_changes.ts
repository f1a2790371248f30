import { sql, type Kysely } from 'kysely';

// Role changes and deletions, written in the transaction that makes them: the feed the gateway follows so
// that no subgraph honours an older access token's role, or a deleted account, for long.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('authority_changes')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('user_id', 'uuid', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.check(sql`role in ('USER', 'ADMIN')`))
    .addColumn('deleted', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('changed_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('authority_changes_changed_at_idx')
    .on('authority_changes')
    .column('changed_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('authority_changes').execute();
}
