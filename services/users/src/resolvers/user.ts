// The User entity: reference resolution for other subgraphs, and the privacy of email.
import { currentViewer } from '../authority';
import type { UsersContext } from '../context';
import type { UserRow } from '../db/schema';

export const User = {
  __resolveReference(reference: { id: string }, context: UsersContext) {
    return context.loaders.userById.load(reference.id);
  },
  async email(user: UserRow, _args: unknown, context: UsersContext) {
    if (!context.viewer) return null;
    if (context.viewer.id === user.id) return user.email;
    // Admin reads go by the role the database holds now (one batched lookup per request).
    const viewer = await currentViewer(context).catch(() => null);
    return viewer?.role === 'ADMIN' ? user.email : null;
  },
};
