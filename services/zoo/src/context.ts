// What every resolver of the zoo subgraph receives.
import type { Kysely } from 'kysely';
import type { Viewer } from '@supergraph/auth';
import { Forbidden, Unauthenticated } from '@supergraph/errors';
import type { RequestInfo, SubgraphClient } from '@supergraph/subgraph';
import type { Database } from './db/schema';
import type { Loaders } from './loaders';

export interface ZooContext extends RequestInfo {
  db: Kysely<Database>;
  loaders: Loaders;
  /** The animal subgraph, told when a zoo is deleted so its animals leave it. */
  animalService: SubgraphClient;
}

export function requireViewer(context: ZooContext): Viewer {
  if (!context.viewer) throw new Unauthenticated();
  return context.viewer;
}

export function requireOwnerOrAdmin(context: ZooContext, ownerId: string): Viewer {
  const viewer = requireViewer(context);
  if (viewer.id !== ownerId && viewer.role !== 'ADMIN') throw new Forbidden('Only the zoo’s owner or an admin can do this');
  return viewer;
}
