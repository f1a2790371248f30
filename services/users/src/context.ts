// What every resolver of the users subgraph receives.
import type { Kysely } from 'kysely';
import type { RequestInfo } from '@supergraph/subgraph';
import { Forbidden, Unauthenticated } from '@supergraph/errors';
import type { Viewer } from '@supergraph/auth';
import type { Database } from './db/schema';
import type { Loaders } from './loaders';
import type { LoginThrottle } from './login-throttle';
import type { SessionSettings } from './sessions';

export interface UsersServices {
  db: Kysely<Database>;
  sessions: SessionSettings;
  loginThrottle: LoginThrottle;
}

export interface UsersContext extends RequestInfo, UsersServices {
  loaders: Loaders;
}

export function requireViewer(context: UsersContext): Viewer {
  if (!context.viewer) throw new Unauthenticated();
  return context.viewer;
}

export function requireSelfOrAdmin(context: UsersContext, userId: string): Viewer {
  const viewer = requireViewer(context);
  if (viewer.id !== userId && viewer.role !== 'ADMIN') throw new Forbidden();
  return viewer;
}

export function requireAdmin(context: UsersContext): Viewer {
  const viewer = requireViewer(context);
  if (viewer.role !== 'ADMIN') throw new Forbidden('Only admins can do this');
  return viewer;
}
