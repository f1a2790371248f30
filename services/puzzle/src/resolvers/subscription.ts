// The puzzle subgraph's subscriptions. Each subscribes to its topic, then turns every message into what it
// pushes, reading the database as it is when the message arrives: a star that no longer exists (its puzzle or
// user deleted meanwhile) is not pushed, a deleted board ends the subscription, and a subscriber who stopped
// being a member gets FORBIDDEN and nothing more.
import { requireViewer } from '@supergraph/auth';
import { Forbidden, NotFound } from '@supergraph/errors';
import { END, SKIP, mapEvents } from '@supergraph/pubsub';
import type { PuzzleContext } from '../context';
import { findLeaderboardById, isMember } from '../db/leaderboards';
import type { CompletionRow, LeaderboardRow } from '../db/schema';
import { findCompletion } from '../db/submissions';
import { parseYear } from '../inputs';
import { topics, type LeaderboardChangedMessage, type StarEarnedMessage } from '../live-updates';

export const Subscription = {
  starEarned: {
    subscribe(_root: unknown, args: { year: unknown }, { db, pubsub }: PuzzleContext) {
      const stars = pubsub.subscribe<StarEarnedMessage>(topics.starEarned(parseYear(args.year)));
      return mapEvents(stars, async (star) => (await findCompletion(db, star)) ?? SKIP);
    },
    /** Runs for each event with that event's own context (fresh loaders). */
    async resolve(completion: CompletionRow, _args: unknown, context: PuzzleContext) {
      const puzzle = await context.loaders.puzzleById.load(completion.puzzleId);
      if (!puzzle) throw new Error(`A star on a puzzle that does not exist: ${completion.puzzleId}`);
      return { user: { id: completion.userId }, puzzle, part: completion.part, earnedAt: completion.completedAt };
    },
  },

  leaderboardChanged: {
    async subscribe(_root: unknown, { id }: { id: string }, context: PuzzleContext) {
      const viewer = requireViewer(context);
      const { db } = context;
      const mayWatch = (boardId: string) => viewer.role === 'ADMIN' || isMember(db, boardId, viewer.id);
      // Subscribed before the checks, so that no change between the checks and the subscription goes unseen.
      const changes = context.pubsub.subscribe<LeaderboardChangedMessage>(topics.leaderboardChanged(id));
      try {
        const board = await findLeaderboardById(db, id);
        if (!board) throw new NotFound('No such leaderboard');
        if (!(await mayWatch(board.id))) throw new Forbidden('Only members can watch this leaderboard');
      } catch (error) {
        await changes.return?.();
        throw error;
      }
      return mapEvents(changes, async () => {
        const board = await findLeaderboardById(db, id);
        if (!board) return END;
        if (!(await mayWatch(board.id))) throw new Forbidden('You are no longer a member of this leaderboard');
        return board;
      });
    },
    resolve: (board: LeaderboardRow) => board,
  },
};
