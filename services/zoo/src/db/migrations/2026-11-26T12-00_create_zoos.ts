import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await db.schema
    .createTable('zoos')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    // The user's id in the users subgraph: another database, so no foreign key.
    .addColumn('owner_id', 'uuid', (col) => col.notNull())
    // Millisecond precision, so a keyset cursor built from a JavaScript Date matches the stored value exactly.
    .addColumn('created_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // One index per list order and filter: all zoos, a user's zoos (User.zoos and filter.ownerId), name search.
  await db.schema.createIndex('zoos_created_at_id_idx').on('zoos').columns(['created_at', 'id']).execute();
  await db.schema
    .createIndex('zoos_owner_id_created_at_id_idx')
    .on('zoos')
    .columns(['owner_id', 'created_at', 'id'])
    .execute();
  await sql`create index zoos_name_trgm_idx on zoos using gin (name gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('zoos').execute();
}
