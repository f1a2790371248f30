// What every resolver of the puzzle subgraph receives.
import type { Kysely } from 'kysely';
import type { PubSub } from '@supergraph/pubsub';
import type { RequestInfo } from '@supergraph/subgraph';
import type { AnswerVault } from './answers';
import type { Database } from './db/schema';
import type { Loaders } from './loaders';
import type { CooldownSettings } from './rules';

export interface PuzzleSettings {
  cooldown: CooldownSettings;
  maxLeaderboardMembers: number;
}

/** A User as this subgraph knows one: its key. */
export interface UserReference {
  id: string;
}

export interface PuzzleContext extends RequestInfo {
  db: Kysely<Database>;
  loaders: Loaders;
  answers: AnswerVault;
  settings: PuzzleSettings;
  /** Live updates (live-updates.ts says what each topic carries). */
  pubsub: PubSub;
  /** The service's clock; tests move it to cross unlock times and cooldowns. */
  now(): Date;
}
