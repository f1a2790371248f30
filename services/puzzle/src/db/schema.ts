// Table types of the puzzle database, written by hand and kept in step with src/db/migrations.
import type { ColumnType, Generated, Selectable } from 'kysely';

export interface PuzzlesTable {
  id: Generated<string>;
  year: number;
  day: number;
  title: string;
  description: string;
  input: string;
  answerSalt: string;
  answer1Hash: string;
  answer1Sealed: string;
  answer2Hash: string;
  answer2Sealed: string;
  unlocksAt: Date;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, never, Date>;
}

export interface CompletionsTable {
  userId: string;
  puzzleId: string;
  part: number;
  completedAt: Date;
}

export interface SubmissionsTable {
  id: Generated<string>;
  userId: string;
  puzzleId: string;
  part: number;
  answerHash: string;
  verdict: string;
  submittedAt: Date;
}

export interface LeaderboardsTable {
  id: Generated<string>;
  name: string;
  year: number;
  ownerId: string;
  joinCode: string;
  createdAt: ColumnType<Date, never, never>;
}

export interface LeaderboardMembersTable {
  leaderboardId: string;
  userId: string;
  joinedAt: ColumnType<Date, Date | undefined, never>;
}

export interface Database {
  puzzles: PuzzlesTable;
  completions: CompletionsTable;
  submissions: SubmissionsTable;
  leaderboards: LeaderboardsTable;
  leaderboardMembers: LeaderboardMembersTable;
}

export type PuzzleRow = Selectable<PuzzlesTable>;
export type CompletionRow = Selectable<CompletionsTable>;
export type LeaderboardRow = Selectable<LeaderboardsTable>;
