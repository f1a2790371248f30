// The animal service applies UserDeleted and ZooDeleted (inbox: @supergraph/events owns its shape) and
// remembers the zoos whose ZooDeleted it applied, so that no animal goes into one afterwards.
import { sql, type Kysely } from 'kysely';
import { inboxMigration } from '@supergraph/events';

export async function up(db: Kysely<unknown>): Promise<void> {
  await inboxMigration.up(db);
  await db.schema
    .createTable('deleted_zoos')
    .addColumn('zoo_id', 'uuid', (col) => col.primaryKey())
    .addColumn('deleted_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('deleted_zoos').execute();
  await inboxMigration.down!(db);
}
