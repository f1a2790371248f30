import { Forbidden } from '@supergraph/errors';
import { createdAtCursor, parseCreatedAtPage, toConnection, type PageArgs } from '@supergraph/pagination';
import type { UsersContext } from '../context';
import { findLatestAuthorityChanges } from '../db/authority-changes';
import { countUsers, findUserByUsername, findUsersPage } from '../db/users';

export const Query = {
  me(_root: unknown, _args: unknown, context: UsersContext) {
    return context.viewer ? context.loaders.userById.load(context.viewer.id) : null;
  },
  user(_root: unknown, { id }: { id: string }, context: UsersContext) {
    return context.loaders.userById.load(id);
  },
  async userByUsername(_root: unknown, { username }: { username: string }, context: UsersContext) {
    return (await findUserByUsername(context.db, username)) ?? null;
  },
  async users(_root: unknown, args: PageArgs, { db }: UsersContext) {
    const page = parseCreatedAtPage(args);
    const rows = await findUsersPage(db, { limit: page.first + 1, after: page.after });
    return toConnection(rows, page, () => countUsers(db), createdAtCursor);
  },
  /** @inaccessible in the supergraph; the gateway calls it directly with its own signed claims. */
  _authorityChanges(_root: unknown, { since }: { since: Date }, { db, claimsIssuer }: UsersContext) {
    if (claimsIssuer !== 'gateway') throw new Forbidden('Only the gateway follows the authority feed');
    return findLatestAuthorityChanges(db, since);
  },
};
