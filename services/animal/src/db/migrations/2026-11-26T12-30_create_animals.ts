import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await db.schema
    .createTable('animals')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('species', 'text', (col) => col.notNull())
    .addColumn('birth_date', 'date')
    // Ids from the users and zoo subgraphs: other databases, so no foreign keys.
    .addColumn('owner_id', 'uuid', (col) => col.notNull())
    .addColumn('zoo_id', 'uuid')
    .addColumn('photo_url', 'text')
    // Millisecond precision, so a keyset cursor built from a JavaScript Date matches the stored value exactly.
    .addColumn('created_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // One index per list order and filter: all animals, a zoo's (Zoo.animals, animalCount, filter.zooId), an
  // owner's (User.animals, filter.ownerId), by species (also within a zoo), and name search.
  await db.schema.createIndex('animals_created_at_id_idx').on('animals').columns(['created_at', 'id']).execute();
  await db.schema
    .createIndex('animals_zoo_id_created_at_id_idx')
    .on('animals')
    .columns(['zoo_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('animals_owner_id_created_at_id_idx')
    .on('animals')
    .columns(['owner_id', 'created_at', 'id'])
    .execute();
  await sql`create index animals_species_idx on animals (lower(species), created_at, id)`.execute(db);
  await sql`create index animals_zoo_id_species_idx on animals (zoo_id, lower(species), created_at, id)`.execute(db);
  await sql`create index animals_name_trgm_idx on animals using gin (name gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('animals').execute();
}
