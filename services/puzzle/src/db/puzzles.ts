// Queries over puzzles.
import type { Kysely } from 'kysely';
import { isUniqueViolation, isUuid } from '@supergraph/db';
import { Conflict } from '@supergraph/errors';
import type { Database, PuzzleRow, PuzzlesTable } from './schema';

type Db = Kysely<Database>;

export type NewPuzzle = Omit<PuzzlesTable, 'id' | 'createdAt' | 'updatedAt'>;

export async function findPuzzlesByIds(db: Db, ids: readonly string[]): Promise<PuzzleRow[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return db.selectFrom('puzzles').selectAll().where('id', 'in', valid).execute();
}

export async function findPuzzleByDay(db: Db, year: number, day: number): Promise<PuzzleRow | undefined> {
  return db.selectFrom('puzzles').selectAll().where('year', '=', year).where('day', '=', day).executeTakeFirst();
}

export async function findPuzzlesByYear(db: Db, year: number): Promise<PuzzleRow[]> {
  return db.selectFrom('puzzles').selectAll().where('year', '=', year).orderBy('day').execute();
}

export async function insertPuzzle(db: Db, puzzle: NewPuzzle): Promise<PuzzleRow> {
  try {
    return await db.insertInto('puzzles').values(puzzle).returningAll().executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error, 'puzzles_year_day_key'))
      throw new Conflict(`There is already a puzzle for day ${puzzle.day} of ${puzzle.year}`, 'day');
    throw error;
  }
}

export async function updatePuzzle(db: Db, id: string, changes: Partial<NewPuzzle>): Promise<PuzzleRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db
    .updateTable('puzzles')
    .set({ ...changes, updatedAt: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deletePuzzleById(db: Db, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const result = await db.deleteFrom('puzzles').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
