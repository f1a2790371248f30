// Parses the puzzle subgraph's GraphQL inputs into typed values, once, at the edge.
import { id, name, parseInput, withoutNulls, z } from '@supergraph/validation';

const year = z
  .number()
  .int()
  .min(2015, 'year must be between 2015 and 2100')
  .max(2100, 'year must be between 2015 and 2100');
const day = z.number().int().min(1, 'day must be between 1 and 25').max(25, 'day must be between 1 and 25');
const part = z.union([z.literal(1), z.literal(2)], { error: 'part must be 1 or 2' });
const answer = z.string().trim().min(1, 'The answer is empty').max(200, 'The answer is at most 200 characters');
const description = z
  .string()
  .trim()
  .min(1, 'description is required')
  .max(20_000, 'description is at most 20000 characters');
const puzzleInput = z.string().min(1, 'input is required').max(65_536, 'input is at most 64 KiB');

const submitAnswerInput = z.object({ puzzleId: id('puzzle id'), part, answer });
const createLeaderboardInput = z.object({ name: name('Name'), year });
const createPuzzleInput = z.object({
  year,
  day,
  title: name('Title', 200),
  description,
  input: puzzleInput,
  answerPart1: answer,
  answerPart2: answer,
  unlocksAt: z.date().nullish(),
});
const updatePuzzleInput = z.object({
  title: name('Title', 200).optional(),
  description: description.optional(),
  input: puzzleInput.optional(),
  answerPart1: answer.optional(),
  answerPart2: answer.optional(),
  unlocksAt: z.date().optional(),
});

export type SubmitAnswerInput = { puzzleId: string; part: 1 | 2; answer: string };
export type CreatePuzzleInput = z.infer<typeof createPuzzleInput>;
export type UpdatePuzzleInput = z.infer<typeof updatePuzzleInput>;

export const parseSubmitAnswerInput = (input: unknown): SubmitAnswerInput =>
  parseInput(submitAnswerInput, input) as SubmitAnswerInput;
export const parseCreateLeaderboardInput = (input: unknown) => parseInput(createLeaderboardInput, input);
export const parseCreatePuzzleInput = (input: unknown) => parseInput(createPuzzleInput, input);
export const parseUpdatePuzzleInput = (input: Record<string, unknown>) =>
  parseInput(updatePuzzleInput, withoutNulls(input));
export const parseYear = (value: unknown) => parseInput(year, value, 'year');
export const parseDay = (value: unknown) => parseInput(day, value, 'day');
export const parsePart = (value: unknown) => parseInput(part, value, 'part') as 1 | 2;
export const parseGlobalFirst = (value: unknown) =>
  parseInput(
    z.number().int().min(1, 'first must be between 1 and 100').max(100, 'first must be between 1 and 100'),
    value,
    'first',
  );
