// The unlock events table was written every minute and read by nobody: a puzzle's unlock is its
// `unlocks_at`, which every query compares with the clock. Dropped with its job.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('puzzle_unlock_events').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('puzzle_unlock_events')
    .addColumn('puzzle_id', 'uuid', (col) => col.primaryKey().references('puzzles.id').onDelete('cascade'))
    .addColumn('unlocked_at', sql`timestamptz(3)`, (col) => col.notNull())
    .addColumn('recorded_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}
