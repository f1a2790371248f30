// The User entity: reference resolution for other subgraphs, and the privacy of email.
import { currentViewer } from '../authority';
import type { UsersContext } from '../context';
import type { UserRow } from '../db/schema';

/**
 * What another subgraph's reference to a deleted user resolves to while the UserDeleted event is on its way
 * to it: the id it holds, no personal data, never null (a null in `owner: User!` would take a whole list down).
 */
export function deletedUser(id: string): UserRow {
  return {
    id,
    username: 'deleted-user',
    email: '',
    passwordHash: '',
    role: 'USER',
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
}

export const User = {
  async __resolveReference(reference: { id: string }, context: UsersContext) {
    return (await context.loaders.userById.load(reference.id)) ?? deletedUser(reference.id);
  },
  async email(user: UserRow, _args: unknown, context: UsersContext) {
    if (!context.viewer || !user.email) return null;
    if (context.viewer.id === user.id) return user.email;
    // Admin reads go by the role the database holds now (one batched lookup per request).
    const viewer = await currentViewer(context).catch(() => null);
    return viewer?.role === 'ADMIN' ? user.email : null;
  },
};
