// Submissions (every judged answer) and completions (one row per star).
import { sql, type Kysely } from 'kysely';
import type { CompletionRow, Database } from './schema';

type Db = Kysely<Database>;

export const WRONG_VERDICTS = ['TOO_HIGH', 'TOO_LOW', 'INCORRECT'] as const;

/**
 * Serialises submissions of one user for one part of one puzzle until the transaction ends, so the
 * cooldown check and the judgement cannot interleave with a concurrent submission.
 */
export async function lockSubmissionsFor(trx: Db, userId: string, puzzleId: string, part: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${userId}:${puzzleId}:${part}`}, 0))`.execute(trx);
}

export async function findCompletedParts(db: Db, userId: string, puzzleId: string): Promise<number[]> {
  const rows = await db
    .selectFrom('completions')
    .select('part')
    .where('userId', '=', userId)
    .where('puzzleId', '=', puzzleId)
    .execute();
  return rows.map((row) => row.part);
}

/** How many wrong answers the user gave for this part, and when the last one was. */
export async function findWrongAnswers(
  db: Db,
  userId: string,
  puzzleId: string,
  part: number,
): Promise<{ count: number; lastAt: Date | null }> {
  const row = await db
    .selectFrom('submissions')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('submittedAt').as('lastAt')])
    .where('userId', '=', userId)
    .where('puzzleId', '=', puzzleId)
    .where('part', '=', part)
    .where('verdict', 'in', WRONG_VERDICTS)
    .executeTakeFirstOrThrow();
  return { count: row.count, lastAt: row.lastAt ?? null };
}

export async function insertSubmission(
  db: Db,
  submission: {
    userId: string;
    puzzleId: string;
    part: number;
    answerHash: string;
    verdict: string;
    submittedAt: Date;
  },
): Promise<void> {
  await db.insertInto('submissions').values(submission).execute();
}

/** Records a star; returns false when the user already had it (the primary key decides, not a read). */
export async function insertCompletion(db: Db, completion: CompletionRow): Promise<boolean> {
  const result = await db
    .insertInto('completions')
    .values(completion)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** One star, if it exists. */
export async function findCompletion(
  db: Db,
  star: { userId: string; puzzleId: string; part: number },
): Promise<CompletionRow | undefined> {
  return db
    .selectFrom('completions')
    .selectAll()
    .where('userId', '=', star.userId)
    .where('puzzleId', '=', star.puzzleId)
    .where('part', '=', star.part)
    .executeTakeFirst();
}

/** Stars per puzzle for one user. */
export async function countStarsByPuzzle(
  db: Db,
  userId: string,
  puzzleIds: readonly string[],
): Promise<Map<string, number>> {
  if (puzzleIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('completions')
    .select(['puzzleId', (eb) => eb.fn.countAll<number>().as('count')])
    .where('userId', '=', userId)
    .where('puzzleId', 'in', puzzleIds)
    .groupBy('puzzleId')
    .execute();
  return new Map(rows.map((row) => [row.puzzleId, row.count]));
}

/** Solvers of one part, per puzzle. */
export async function countSolversByPuzzle(
  db: Db,
  part: number,
  puzzleIds: readonly string[],
): Promise<Map<string, number>> {
  if (puzzleIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('completions')
    .select(['puzzleId', (eb) => eb.fn.countAll<number>().as('count')])
    .where('part', '=', part)
    .where('puzzleId', 'in', puzzleIds)
    .groupBy('puzzleId')
    .execute();
  return new Map(rows.map((row) => [row.puzzleId, row.count]));
}

/** Every completion of the given users in one event year, oldest first. */
export async function findCompletionsByUsers(
  db: Db,
  year: number,
  userIds: readonly string[],
): Promise<CompletionRow[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('completions')
    .innerJoin('puzzles', 'puzzles.id', 'completions.puzzleId')
    .select(['completions.userId', 'completions.puzzleId', 'completions.part', 'completions.completedAt'])
    .where('puzzles.year', '=', year)
    .where('completions.userId', 'in', userIds)
    .orderBy('completions.completedAt')
    .orderBy('completions.puzzleId')
    .orderBy('completions.part')
    .execute();
}
