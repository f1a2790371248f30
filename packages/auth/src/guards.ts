// Who may do what, in the words every subgraph uses: a signed-in viewer, the owner or an admin, an admin.
import { Forbidden, Unauthenticated } from '@supergraph/errors';
import type { Viewer } from './viewer';

interface HasViewer {
  viewer: Viewer | null;
}

export function requireViewer({ viewer }: HasViewer): Viewer {
  if (!viewer) throw new Unauthenticated();
  return viewer;
}

export function requireOwnerOrAdmin(
  context: HasViewer,
  ownerId: string,
  message = 'You are not allowed to do this',
): Viewer {
  const viewer = requireViewer(context);
  if (viewer.id !== ownerId && viewer.role !== 'ADMIN') throw new Forbidden(message);
  return viewer;
}

export function requireAdmin(context: HasViewer): Viewer {
  const viewer = requireViewer(context);
  if (viewer.role !== 'ADMIN') throw new Forbidden('Only admins can do this');
  return viewer;
}
