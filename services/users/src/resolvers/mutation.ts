import { BadUserInput, NotFound, Unauthenticated } from '@supergraph/errors';
import { newEvent } from '@supergraph/subgraph';
import { currentViewer, requireCurrentAdmin, requireCurrentSelfOrAdmin } from '../authority';
import type { UsersContext } from '../context';
import { insertAuthorityChange } from '../db/authority-changes';
import { revokeUserRefreshTokens } from '../db/refresh-tokens';
import {
  deleteUserById,
  findUserByUsername,
  findUsersByIds,
  insertUser,
  updateUser,
  updateUserRole,
} from '../db/users';
import { parseRegisterInput, parseRole, parseUpdateMeInput } from '../inputs';
import { endSession, refreshSession, startSession } from '../sessions';

// Every credential mutation (register, login, refreshToken, updateMe with a password) first spends one attempt
// of the client's address (credentialLimit); password hashes then run a bounded number at a time (passwords).
export const Mutation = {
  async register(_root: unknown, { input }: { input: unknown }, context: UsersContext) {
    const { db, sessions, passwords } = context;
    await context.credentialLimit.consume(context.clientAddress);
    const { username, email, password } = parseRegisterInput(input);
    const user = await insertUser(db, { username, email, passwordHash: await passwords.hash(password) });
    return startSession(db, sessions, user);
  },

  async login(_root: unknown, { input }: { input: { username: string; password: string } }, context: UsersContext) {
    const { db, sessions, passwords } = context;
    const { username, password } = input;
    await context.credentialLimit.consume(context.clientAddress);
    if (username.length > 128 || password.length > 128) throw new Unauthenticated('Invalid username or password');
    const user = await context.loginProtection.attempt(username, context.clientAddress, async () => {
      const found = await findUserByUsername(db, username);
      return (await passwords.verify(found?.passwordHash, password)) && found ? found : null;
    });
    if (!user) {
      context.logger.info({ username }, 'failed login');
      throw new Unauthenticated('Invalid username or password');
    }
    return startSession(db, sessions, user);
  },

  async refreshToken(_root: unknown, { token }: { token: string }, context: UsersContext) {
    await context.credentialLimit.consume(context.clientAddress);
    return refreshSession(context.db, context.sessions, token);
  },

  logout(_root: unknown, { refreshToken }: { refreshToken: string }, { db }: UsersContext) {
    return endSession(db, refreshToken);
  },

  async updateMe(_root: unknown, { input }: { input: Record<string, unknown> }, context: UsersContext) {
    const viewer = await currentViewer(context);
    const { username, email, password, currentPassword } = parseUpdateMeInput(input);
    if (password) await context.credentialLimit.consume(context.clientAddress);
    const [current] = await findUsersByIds(context.db, [viewer.id]);
    if (!current) throw new NotFound('Your account no longer exists');
    let passwordHash: string | undefined;
    if (password) {
      if (!(await context.passwords.verify(current.passwordHash, currentPassword ?? ''))) {
        throw new BadUserInput('currentPassword', 'Current password is incorrect');
      }
      passwordHash = await context.passwords.hash(password);
    }
    const updated = await context.db.transaction().execute(async (trx) => {
      const row = await updateUser(trx, viewer.id, { username, email, passwordHash });
      if (passwordHash) await revokeUserRefreshTokens(trx, viewer.id);
      return row;
    });
    if (!updated) throw new NotFound('Your account no longer exists');
    return updated;
  },

  /** Ends every session of the account and tells the authority feed, in the transaction that deletes it. */
  async deleteUser(_root: unknown, { id }: { id: string }, context: UsersContext) {
    await requireCurrentSelfOrAdmin(context, id);
    await context.db.transaction().execute(async (trx) => {
      await revokeUserRefreshTokens(trx, id);
      if (!(await deleteUserById(trx, id))) throw new NotFound('No such user');
      await insertAuthorityChange(trx, { userId: id, role: null, deleted: true });
      // Every other subgraph forgets the user once this commits (their zoos, animals, puzzle data).
      await context.publish(trx, [newEvent('UserDeleted', id)]);
    });
    return true;
  },

  /** A changed role ends the user's sessions (their next login carries it) and goes on the authority feed. */
  async setUserRole(_root: unknown, args: { id: string; role: unknown }, context: UsersContext) {
    await requireCurrentAdmin(context);
    const role = parseRole(args.role);
    return context.db.transaction().execute(async (trx) => {
      const user = await updateUserRole(trx, args.id, role);
      if (!user) throw new NotFound('No such user');
      await revokeUserRefreshTokens(trx, user.id);
      await insertAuthorityChange(trx, { userId: user.id, role, deleted: false });
      return user;
    });
  },
};
