// Every migration of the puzzle database, in order. Never edit one that has landed; add a new file.
import type { Migrations } from '@supergraph/db';
import * as createPuzzles from './2026-11-26T14-00_create_puzzles';
import * as dropPuzzleUnlockEvents from './2026-11-28T12-00_drop_puzzle_unlock_events';
import * as createInbox from './2026-11-28T13-00_create_inbox';

export const migrations: Migrations = {
  '2026-11-26T14-00_create_puzzles': createPuzzles,
  '2026-11-28T12-00_drop_puzzle_unlock_events': dropPuzzleUnlockEvents,
  '2026-11-28T13-00_create_inbox': createInbox,
};
