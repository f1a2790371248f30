// Every migration of the puzzle database, in order. Never edit one that has landed; add a new file.
import type { Migrations } from '@supergraph/db';
import * as createPuzzles from './2026-11-26T14-00_create_puzzles';

export const migrations: Migrations = {
  '2026-11-26T14-00_create_puzzles': createPuzzles,
};
