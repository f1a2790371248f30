// What every resolver of the animal subgraph receives.
import type { Kysely } from 'kysely';
import type { RequestInfo } from '@supergraph/subgraph';
import type { Database } from './db/schema';
import type { Loaders } from './loaders';
import type { ZooDirectory } from './zoo-directory';

export interface AnimalContext extends RequestInfo {
  db: Kysely<Database>;
  loaders: Loaders;
  zoos: ZooDirectory;
}
