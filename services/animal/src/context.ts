// What every resolver of the animal subgraph receives.
import type { Kysely } from 'kysely';
import type { Viewer } from '@supergraph/auth';
import { Forbidden, Unauthenticated } from '@supergraph/errors';
import type { RequestInfo } from '@supergraph/subgraph';
import type { Database } from './db/schema';
import type { Loaders } from './loaders';
import type { ZooDirectory } from './zoo-directory';

export interface AnimalContext extends RequestInfo {
  db: Kysely<Database>;
  loaders: Loaders;
  zoos: ZooDirectory;
}

export function requireViewer(context: AnimalContext): Viewer {
  if (!context.viewer) throw new Unauthenticated();
  return context.viewer;
}

export function requireOwnerOrAdmin(context: AnimalContext, ownerId: string): Viewer {
  const viewer = requireViewer(context);
  if (viewer.id !== ownerId && viewer.role !== 'ADMIN') throw new Forbidden('Only the animal’s owner or an admin can do this');
  return viewer;
}
