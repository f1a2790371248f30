// The User entity: reference resolution for other subgraphs, and the privacy of email.
import type { UserRow } from '../db/schema';
import type { UsersContext } from '../context';

export const User = {
  __resolveReference(reference: { id: string }, context: UsersContext) {
    return context.loaders.userById.load(reference.id);
  },
  email(user: UserRow, _args: unknown, { viewer }: UsersContext) {
    return viewer && (viewer.id === user.id || viewer.role === 'ADMIN') ? user.email : null;
  },
};
