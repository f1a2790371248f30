// Puzzle, Completion, Leaderboard and the User fields this subgraph owns.
import type { PuzzleContext } from '../context';
import { findStandings } from '../db/leaderboards';
import type { CompletionRow, LeaderboardRow, PuzzleRow } from '../db/schema';
import { parsePart, parseYear } from '../inputs';

const isUnlocked = (puzzle: PuzzleRow, context: PuzzleContext) => context.now().getTime() >= puzzle.unlocksAt.getTime();
const userRef = (id: string) => ({ __typename: 'User', id });

export const Puzzle = {
  __resolveReference(reference: { id: string }, context: PuzzleContext) {
    return context.loaders.puzzleById.load(reference.id);
  },
  unlocked: (puzzle: PuzzleRow, _args: unknown, context: PuzzleContext) => isUnlocked(puzzle, context),
  description: (puzzle: PuzzleRow, _args: unknown, context: PuzzleContext) =>
    isUnlocked(puzzle, context) ? puzzle.description : null,
  input: (puzzle: PuzzleRow, _args: unknown, context: PuzzleContext) =>
    isUnlocked(puzzle, context) ? puzzle.input : null,
  myStars: (puzzle: PuzzleRow, _args: unknown, context: PuzzleContext) =>
    context.viewer ? context.loaders.viewerStars.load(puzzle.id) : null,
  solvers: (puzzle: PuzzleRow, args: { part: unknown }, context: PuzzleContext) =>
    context.loaders.solvers.load(`${parsePart(args.part)}:${puzzle.id}`),
};

export const Completion = {
  // Completions go with their puzzle (a deleted puzzle takes its completions along), so one is always there.
  async puzzle(completion: CompletionRow, _args: unknown, context: PuzzleContext) {
    const puzzle = await context.loaders.puzzleById.load(completion.puzzleId);
    if (!puzzle) throw new Error(`Completion of a puzzle that does not exist: ${completion.puzzleId}`);
    return puzzle;
  },
};

export const User = {
  __resolveReference(reference: { id: string }) {
    return reference;
  },
  async stars(user: { id: string }, args: { year: unknown }, context: PuzzleContext) {
    return (await context.loaders.completions.load(`${parseYear(args.year)}:${user.id}`)).length;
  },
  completions(user: { id: string }, args: { year: unknown }, context: PuzzleContext) {
    return context.loaders.completions.load(`${parseYear(args.year)}:${user.id}`);
  },
};

export const Leaderboard = {
  owner: (board: LeaderboardRow) => userRef(board.ownerId),
  joinCode: (board: LeaderboardRow, _args: unknown, context: PuzzleContext) =>
    context.viewer?.id === board.ownerId ? board.joinCode : null,
  async members(board: LeaderboardRow, _args: unknown, context: PuzzleContext) {
    const standings = await findStandings(context.db, board.id, board.year);
    return standings.map(({ userId, ...standing }) => ({ ...standing, user: userRef(userId) }));
  },
};
