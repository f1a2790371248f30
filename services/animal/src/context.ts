// What every resolver of the animal subgraph receives.
import type { Kysely } from 'kysely';
import type { PubSub } from '@supergraph/pubsub';
import type { RequestInfo } from '@supergraph/subgraph';
import type { Database } from './db/schema';
import type { Loaders } from './loaders';
import type { AnimalPhotos } from './photos/animal-photos';
import type { ZooDirectory } from './zoo-directory';

/** A User as this subgraph knows one: its key. */
export interface UserReference {
  id: string;
}

/** A Zoo as this subgraph knows one: its key. */
export interface ZooReference {
  id: string;
}

export interface AnimalContext extends RequestInfo {
  db: Kysely<Database>;
  loaders: Loaders;
  zoos: ZooDirectory;
  /** Live updates (live-updates.ts says what each topic carries). */
  pubsub: PubSub;
  /** Uploaded photos: the store, upload grants, and the sweeper that deletes replaced files. */
  photos: AnimalPhotos;
}
