// Uploaded photos (issue #18): the photo's files and shape on each animal row, the signed upload grants, and the
// files to delete from the photo store. A trigger fills the last one in the transaction that replaces, removes or
// deletes an animal's photo — every path (deleteAnimal, deleteAnimalPhoto, a new upload, a deleted user's
// animals) — and the process's sweeper deletes the files once that commits.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('animals')
    .addColumn('photo_key', 'text')
    .addColumn('photo_thumbnail_key', 'text')
    .addColumn('photo_width', 'integer')
    .addColumn('photo_height', 'integer')
    .addColumn('photo_content_type', 'text')
    .execute();
  // A photo is all of these or none of them.
  await db.schema
    .alterTable('animals')
    .addCheckConstraint(
      'animals_photo_complete',
      sql`num_nulls(photo_key, photo_thumbnail_key, photo_width, photo_height, photo_content_type) in (0, 5)`,
    )
    .execute();

  await db.schema
    .createTable('photo_uploads')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // A grant dies with its animal.
    .addColumn('animal_id', 'uuid', (col) => col.notNull().references('animals.id').onDelete('cascade'))
    .addColumn('requested_by', 'uuid', (col) => col.notNull())
    .addColumn('content_type', 'text', (col) => col.notNull())
    .addColumn('max_bytes', 'integer', (col) => col.notNull().check(sql`max_bytes > 0`))
    .addColumn('expires_at', sql`timestamptz(3)`, (col) => col.notNull())
    .addColumn('used_at', sql`timestamptz(3)`)
    .addColumn('created_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('photo_uploads_animal_id_idx').on('photo_uploads').column('animal_id').execute();
  await db.schema.createIndex('photo_uploads_expires_at_idx').on('photo_uploads').column('expires_at').execute();

  // delete_after: now for a file no row refers to any more; later for the files an upload is writing (reserved
  // before they are stored, released in the transaction that sets them on the animal), so that a process dying
  // in between leaves nothing behind for good.
  await db.schema
    .createTable('photo_files_to_delete')
    .addColumn('key', 'text', (col) => col.primaryKey())
    // Full precision, unlike the other timestamps: timestamptz(3) rounds now() up by as much as half a millisecond,
    // and a sweep starting right after the commit would find the row not yet due.
    .addColumn('delete_after', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('photo_files_to_delete_delete_after_idx')
    .on('photo_files_to_delete')
    .column('delete_after')
    .execute();

  await sql`
    create function enqueue_old_photo_files() returns trigger language plpgsql as $$
    begin
      insert into photo_files_to_delete (key)
      values (old.photo_key), (old.photo_thumbnail_key)
      on conflict (key) do update set delete_after = least(photo_files_to_delete.delete_after, now());
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger animals_photo_replaced
    after update of photo_key on animals
    for each row when (old.photo_key is not null and old.photo_key is distinct from new.photo_key)
    execute function enqueue_old_photo_files()`.execute(db);
  await sql`
    create trigger animals_photo_deleted
    after delete on animals
    for each row when (old.photo_key is not null)
    execute function enqueue_old_photo_files()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger animals_photo_deleted on animals`.execute(db);
  await sql`drop trigger animals_photo_replaced on animals`.execute(db);
  await sql`drop function enqueue_old_photo_files()`.execute(db);
  await db.schema.dropTable('photo_files_to_delete').execute();
  await db.schema.dropTable('photo_uploads').execute();
  await db.schema.alterTable('animals').dropConstraint('animals_photo_complete').execute();
  await db.schema
    .alterTable('animals')
    .dropColumn('photo_key')
    .dropColumn('photo_thumbnail_key')
    .dropColumn('photo_width')
    .dropColumn('photo_height')
    .dropColumn('photo_content_type')
    .execute();
}
