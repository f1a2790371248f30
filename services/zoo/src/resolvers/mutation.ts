import { requireOwnerOrAdmin, requireViewer } from '@supergraph/auth';
import { NotFound } from '@supergraph/errors';
import { newEvent } from '@supergraph/subgraph';
import type { ZooContext } from '../context';
import { deleteZooById, findZooForUpdate, findZoosByIds, insertZoo, updateZoo } from '../db/zoos';
import { parseCreateZooInput, parseUpdateZooInput } from '../inputs';

const OWNER_ONLY = 'Only the zoo’s owner or an admin can do this';

export const Mutation = {
  async createZoo(_root: unknown, { input }: { input: Record<string, unknown> }, context: ZooContext) {
    const viewer = requireViewer(context);
    return insertZoo(context.db, { ...parseCreateZooInput(input), ownerId: viewer.id });
  },

  async updateZoo(_root: unknown, { id, input }: { id: string; input: Record<string, unknown> }, context: ZooContext) {
    requireViewer(context);
    const [zoo] = await findZoosByIds(context.db, [id]);
    if (!zoo) throw new NotFound('No such zoo');
    requireOwnerOrAdmin(context, zoo.ownerId, OWNER_ONLY);
    const updated = await updateZoo(context.db, id, parseUpdateZooInput(input));
    if (!updated) throw new NotFound('No such zoo');
    return updated;
  },

  /**
   * Deletes the zoo and, in the same transaction, publishes ZooDeleted: the animal service takes the zoo's
   * animals out of it when the event arrives, however long that service is away. No other service is called
   * while the row is locked.
   */
  async deleteZoo(_root: unknown, { id }: { id: string }, context: ZooContext) {
    requireViewer(context);
    return context.db.transaction().execute(async (trx) => {
      const zoo = await findZooForUpdate(trx, id);
      if (!zoo) throw new NotFound('No such zoo');
      requireOwnerOrAdmin(context, zoo.ownerId, OWNER_ONLY);
      const deleted = await deleteZooById(trx, id);
      await context.publish(trx, [newEvent('ZooDeleted', id)]);
      return deleted;
    });
  },
};
