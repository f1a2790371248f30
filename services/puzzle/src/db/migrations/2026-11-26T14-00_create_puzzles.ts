import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('puzzles')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('year', 'integer', (col) => col.notNull().check(sql`year between 2015 and 2100`))
    .addColumn('day', 'integer', (col) => col.notNull().check(sql`day between 1 and 25`))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('input', 'text', (col) => col.notNull())
    // Answers are never stored in clear: an HMAC to check them, and an AES-GCM sealed copy used only to
    // say "too high" or "too low" when both sides are integers.
    .addColumn('answer_salt', 'text', (col) => col.notNull())
    .addColumn('answer1_hash', 'text', (col) => col.notNull())
    .addColumn('answer1_sealed', 'text', (col) => col.notNull())
    .addColumn('answer2_hash', 'text', (col) => col.notNull())
    .addColumn('answer2_sealed', 'text', (col) => col.notNull())
    .addColumn('unlocks_at', sql`timestamptz(3)`, (col) => col.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('puzzles_year_day_key', ['year', 'day'])
    .execute();
  await db.schema.createIndex('puzzles_unlocks_at_idx').on('puzzles').column('unlocks_at').execute();

  // One row per star: the primary key is what makes two concurrent correct answers earn one star.
  await db.schema
    .createTable('completions')
    .addColumn('user_id', 'uuid', (col) => col.notNull())
    .addColumn('puzzle_id', 'uuid', (col) => col.notNull().references('puzzles.id').onDelete('cascade'))
    .addColumn('part', 'smallint', (col) => col.notNull().check(sql`part in (1, 2)`))
    .addColumn('completed_at', sql`timestamptz(3)`, (col) => col.notNull())
    .addPrimaryKeyConstraint('completions_pkey', ['user_id', 'puzzle_id', 'part'])
    .execute();
  // Solver order per star (leaderboards, solvers count).
  await db.schema
    .createIndex('completions_puzzle_part_completed_at_idx')
    .on('completions')
    .columns(['puzzle_id', 'part', 'completed_at'])
    .execute();

  await db.schema
    .createTable('submissions')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (col) => col.notNull())
    .addColumn('puzzle_id', 'uuid', (col) => col.notNull().references('puzzles.id').onDelete('cascade'))
    .addColumn('part', 'smallint', (col) => col.notNull())
    .addColumn('answer_hash', 'text', (col) => col.notNull())
    .addColumn('verdict', 'text', (col) => col.notNull())
    .addColumn('submitted_at', sql`timestamptz(3)`, (col) => col.notNull())
    .execute();
  // The cooldown looks up one user's submissions for one part.
  await db.schema
    .createIndex('submissions_user_puzzle_part_idx')
    .on('submissions')
    .columns(['user_id', 'puzzle_id', 'part', 'submitted_at'])
    .execute();

  await db.schema
    .createTable('leaderboards')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('owner_id', 'uuid', (col) => col.notNull())
    .addColumn('join_code', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('leaderboard_members')
    .addColumn('leaderboard_id', 'uuid', (col) => col.notNull().references('leaderboards.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (col) => col.notNull())
    .addColumn('joined_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('leaderboard_members_pkey', ['leaderboard_id', 'user_id'])
    .execute();

  // Each puzzle's unlock, recorded once by the scheduled job (for subscriptions later).
  await db.schema
    .createTable('puzzle_unlock_events')
    .addColumn('puzzle_id', 'uuid', (col) => col.primaryKey().references('puzzles.id').onDelete('cascade'))
    .addColumn('unlocked_at', sql`timestamptz(3)`, (col) => col.notNull())
    .addColumn('recorded_at', sql`timestamptz(3)`, (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'puzzle_unlock_events',
    'leaderboard_members',
    'leaderboards',
    'submissions',
    'completions',
    'puzzles',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
