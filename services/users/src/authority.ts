// The users service decides admin and self operations on what its own database says now, not on the role an
// access token carried when it was issued: a demoted admin or a deleted account loses its power here at once.
import type { Viewer } from '@supergraph/auth';
import { requireViewer } from '@supergraph/auth';
import { Forbidden, Unauthenticated } from '@supergraph/errors';
import type { UsersContext } from './context';

/** The signed-in viewer with their current role; UNAUTHENTICATED when the account no longer exists. */
export async function currentViewer(context: UsersContext): Promise<Viewer> {
  const viewer = requireViewer(context);
  const row = await context.loaders.userById.load(viewer.id);
  if (!row) throw new Unauthenticated('Your account no longer exists', 401);
  return { id: row.id, role: row.role };
}

export async function requireCurrentAdmin(context: UsersContext): Promise<Viewer> {
  const viewer = await currentViewer(context);
  if (viewer.role !== 'ADMIN') throw new Forbidden('Only admins can do this');
  return viewer;
}

export async function requireCurrentSelfOrAdmin(context: UsersContext, userId: string): Promise<Viewer> {
  const viewer = await currentViewer(context);
  if (viewer.id !== userId && viewer.role !== 'ADMIN') throw new Forbidden('You are not allowed to do this');
  return viewer;
}
