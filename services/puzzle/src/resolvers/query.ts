import { requireViewer } from '@supergraph/auth';
import { Forbidden } from '@supergraph/errors';
import type { PuzzleContext } from '../context';
import { findGlobalStandings, findLeaderboardById, isMember } from '../db/leaderboards';
import { findPuzzleByDay, findPuzzlesByYear } from '../db/puzzles';
import { parseDay, parseGlobalFirst, parseYear } from '../inputs';

export const Query = {
  async puzzle(_root: unknown, args: { year: unknown; day: unknown }, { db }: PuzzleContext) {
    return (await findPuzzleByDay(db, parseYear(args.year), parseDay(args.day))) ?? null;
  },
  puzzles(_root: unknown, args: { year: unknown }, { db }: PuzzleContext) {
    return findPuzzlesByYear(db, parseYear(args.year));
  },
  async leaderboard(_root: unknown, { id }: { id: string }, context: PuzzleContext) {
    const viewer = requireViewer(context);
    const board = await findLeaderboardById(context.db, id);
    if (!board) return null;
    if (viewer.role !== 'ADMIN' && !(await isMember(context.db, board.id, viewer.id)))
      throw new Forbidden('Only members can see this leaderboard');
    return board;
  },
  async globalLeaderboard(_root: unknown, args: { year: unknown; first?: unknown }, { db }: PuzzleContext) {
    const standings = await findGlobalStandings(db, parseYear(args.year), parseGlobalFirst(args.first ?? 100));
    return standings.map(({ userId, ...standing }) => ({ ...standing, user: { __typename: 'User', id: userId } }));
  },
};
