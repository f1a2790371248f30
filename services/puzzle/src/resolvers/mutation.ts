import { randomBytes } from 'node:crypto';
import { requireAdmin, requireViewer } from '@supergraph/auth';
import { BadUserInput, Conflict, Forbidden, NotFound, RateLimited } from '@supergraph/errors';
import type { SubmissionResult } from '../__generated__/resolvers-types';
import type { PuzzleContext } from '../context';
import {
  addMember,
  deleteLeaderboard,
  findLeaderboardById,
  findLeaderboardByJoinCode,
  findLeaderboardIdsOfMember,
  insertLeaderboard,
  removeMember,
} from '../db/leaderboards';
import { deletePuzzleById, findPuzzlesByIds, insertPuzzle, updatePuzzle, type NewPuzzle } from '../db/puzzles';
import {
  findCompletedParts,
  findWrongAnswers,
  insertCompletion,
  insertSubmission,
  lockSubmissionsFor,
} from '../db/submissions';
import {
  parseCreateLeaderboardInput,
  parseCreatePuzzleInput,
  parseSubmitAnswerInput,
  parseUpdatePuzzleInput,
} from '../inputs';
import { topics, type LeaderboardChangedMessage, type StarEarnedMessage } from '../live-updates';
import { cooldownSeconds, defaultUnlocksAt, secondsUntilJudged } from '../rules';

const boardChanged = (leaderboardId: string): LeaderboardChangedMessage => ({ leaderboardId });

export const Mutation = {
  /**
   * Judges one answer. Submissions of one user for one part run one at a time (an advisory lock), so the
   * cooldown cannot be raced; the star itself is a row whose primary key admits one per user and part. A new
   * star is announced with it: on starEarned for its year, and on leaderboardChanged for each of the user's
   * boards of that year (their standings changed).
   */
  async submitAnswer(_root: unknown, { input }: { input: unknown }, context: PuzzleContext) {
    const viewer = requireViewer(context);
    const { puzzleId, part, answer } = parseSubmitAnswerInput(input);
    const puzzle = await context.loaders.puzzleById.load(puzzleId);
    if (!puzzle) throw new NotFound('No such puzzle');
    const now = context.now();
    if (now < puzzle.unlocksAt) throw new Forbidden('This puzzle has not unlocked yet');
    const stored =
      part === 1
        ? { hash: puzzle.answer1Hash, sealed: puzzle.answer1Sealed }
        : { hash: puzzle.answer2Hash, sealed: puzzle.answer2Sealed };
    const submission = {
      userId: viewer.id,
      puzzleId,
      part,
      answerHash: context.answers.hashOf(puzzle.answerSalt, part, answer),
      submittedAt: now,
    };

    return context.pubsub.transaction(context.db, async (trx, publish): Promise<SubmissionResult> => {
      await lockSubmissionsFor(trx, viewer.id, puzzleId, part);
      const completed = await findCompletedParts(trx, viewer.id, puzzleId);
      if (completed.includes(part)) {
        await insertSubmission(trx, { ...submission, verdict: 'ALREADY_SOLVED' });
        const correct = context.answers.judge(puzzle.answerSalt, part, stored, answer) === 'CORRECT';
        return { correct, verdict: 'ALREADY_SOLVED', starsEarned: 0, retryAfterSeconds: null };
      }
      if (part === 2 && !completed.includes(1)) throw new Forbidden('Solve part 1 first');
      const wrong = await findWrongAnswers(trx, viewer.id, puzzleId, part);
      const wait = secondsUntilJudged(wrong.count, wrong.lastAt, now, context.settings.cooldown);
      if (wait > 0) throw new RateLimited(wait, `Wait ${wait} s before answering this part again`);

      const verdict = context.answers.judge(puzzle.answerSalt, part, stored, answer);
      await insertSubmission(trx, { ...submission, verdict });
      if (verdict === 'CORRECT') {
        const earned = await insertCompletion(trx, { userId: viewer.id, puzzleId, part, completedAt: now });
        if (earned) {
          const star: StarEarnedMessage = { userId: viewer.id, puzzleId, part };
          publish(topics.starEarned(puzzle.year), star);
          for (const boardId of await findLeaderboardIdsOfMember(trx, viewer.id, puzzle.year))
            publish(topics.leaderboardChanged(boardId), boardChanged(boardId));
        }
        return {
          correct: true,
          verdict: earned ? 'CORRECT' : 'ALREADY_SOLVED',
          starsEarned: earned ? 1 : 0,
          retryAfterSeconds: null,
        };
      }
      return {
        correct: false,
        verdict,
        starsEarned: 0,
        retryAfterSeconds: cooldownSeconds(wrong.count + 1, context.settings.cooldown),
      };
    });
  },

  async createLeaderboard(_root: unknown, { input }: { input: unknown }, context: PuzzleContext) {
    const viewer = requireViewer(context);
    const { name, year } = parseCreateLeaderboardInput(input);
    return insertLeaderboard(context.db, {
      name,
      year,
      ownerId: viewer.id,
      joinCode: randomBytes(12).toString('base64url'),
    });
  },

  async joinLeaderboard(_root: unknown, { joinCode }: { joinCode: string }, context: PuzzleContext) {
    const viewer = requireViewer(context);
    if (joinCode.length > 64) throw new BadUserInput('joinCode', 'Not a valid join code');
    const board = await findLeaderboardByJoinCode(context.db, joinCode.trim());
    if (!board) throw new NotFound('No leaderboard has that join code');
    const { maxLeaderboardMembers } = context.settings;
    const outcome = await context.pubsub.transaction(context.db, async (trx, publish) => {
      const added = await addMember(trx, board.id, viewer.id, maxLeaderboardMembers);
      if (added === 'joined') publish(topics.leaderboardChanged(board.id), boardChanged(board.id));
      return added;
    });
    if (outcome === 'full') throw new Conflict(`This leaderboard is full (${maxLeaderboardMembers} members)`);
    return board;
  },

  async leaveLeaderboard(_root: unknown, { id }: { id: string }, context: PuzzleContext) {
    const viewer = requireViewer(context);
    const board = await findLeaderboardById(context.db, id);
    if (!board) throw new NotFound('No such leaderboard');
    // Its watchers hear of it either way: the remaining members see the new board, a deleted board's
    // subscriptions end.
    return context.pubsub.transaction(context.db, async (trx, publish) => {
      const left =
        board.ownerId === viewer.id
          ? await deleteLeaderboard(trx, board.id)
          : await removeMember(trx, board.id, viewer.id);
      if (!left)
        throw new NotFound(
          board.ownerId === viewer.id ? 'No such leaderboard' : 'You are not a member of this leaderboard',
        );
      publish(topics.leaderboardChanged(board.id), boardChanged(board.id));
      return true;
    });
  },

  async createPuzzle(_root: unknown, { input }: { input: unknown }, context: PuzzleContext) {
    requireAdmin(context);
    const { answerPart1, answerPart2, unlocksAt, ...puzzle } = parseCreatePuzzleInput(input);
    const answerSalt = context.answers.newSalt();
    const first = context.answers.store(answerSalt, 1, answerPart1);
    const second = context.answers.store(answerSalt, 2, answerPart2);
    return insertPuzzle(context.db, {
      ...puzzle,
      answerSalt,
      answer1Hash: first.hash,
      answer1Sealed: first.sealed,
      answer2Hash: second.hash,
      answer2Sealed: second.sealed,
      unlocksAt: unlocksAt ?? defaultUnlocksAt(puzzle.year, puzzle.day),
    });
  },

  async updatePuzzle(
    _root: unknown,
    { id, input }: { id: string; input: Record<string, unknown> },
    context: PuzzleContext,
  ) {
    requireAdmin(context);
    const { answerPart1, answerPart2, ...changes } = parseUpdatePuzzleInput(input);
    const [existing] = await findPuzzlesByIds(context.db, [id]);
    if (!existing) throw new NotFound('No such puzzle');
    const update: Partial<NewPuzzle> = { ...changes };
    if (answerPart1) {
      const stored = context.answers.store(existing.answerSalt, 1, answerPart1);
      Object.assign(update, { answer1Hash: stored.hash, answer1Sealed: stored.sealed });
    }
    if (answerPart2) {
      const stored = context.answers.store(existing.answerSalt, 2, answerPart2);
      Object.assign(update, { answer2Hash: stored.hash, answer2Sealed: stored.sealed });
    }
    const updated = await updatePuzzle(context.db, id, update);
    if (!updated) throw new NotFound('No such puzzle');
    return updated;
  },

  async deletePuzzle(_root: unknown, { id }: { id: string }, context: PuzzleContext) {
    requireAdmin(context);
    if (!(await deletePuzzleById(context.db, id))) throw new NotFound('No such puzzle');
    return true;
  },
};
