// What every resolver of the zoo subgraph receives.
import type { Kysely } from 'kysely';
import type { RequestInfo, SubgraphClient } from '@supergraph/subgraph';
import type { Database } from './db/schema';
import type { Loaders } from './loaders';

/** A User as this subgraph knows one: its key. */
export interface UserReference {
  id: string;
}

export interface ZooContext extends RequestInfo {
  db: Kysely<Database>;
  loaders: Loaders;
  /** The animal subgraph, told when a zoo is deleted so its animals leave it. */
  animalService: SubgraphClient;
}
