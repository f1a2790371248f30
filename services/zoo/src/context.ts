// What every resolver of the zoo subgraph receives.
import type { Kysely } from 'kysely';
import type { Publish, RequestInfo } from '@supergraph/subgraph';
import type { Database } from './db/schema';
import type { Loaders } from './loaders';

/** A User as this subgraph knows one: its key. */
export interface UserReference {
  id: string;
}

export interface ZooContext extends RequestInfo {
  db: Kysely<Database>;
  loaders: Loaders;
  /** Domain events (ZooDeleted: the animal service takes the zoo's animals out of it). */
  publish: Publish<Database>;
}
