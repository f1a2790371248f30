import { requireOwnerOrAdmin, requireViewer, SERVICE_OPERATIONS } from '@supergraph/auth';
import { NotFound } from '@supergraph/errors';
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
   * The zoo row stays locked while the animal service detaches its animals; if that service cannot answer,
   * the transaction rolls back and nothing is deleted.
   */
  async deleteZoo(_root: unknown, { id }: { id: string }, context: ZooContext) {
    requireViewer(context);
    return context.db.transaction().execute(async (trx) => {
      const zoo = await findZooForUpdate(trx, id);
      if (!zoo) throw new NotFound('No such zoo');
      requireOwnerOrAdmin(context, zoo.ownerId, OWNER_ONLY);
      await context.animalService.request(SERVICE_OPERATIONS.detachAnimalsFromZoo, { zooId: id }, context.viewer);
      return deleteZooById(trx, id);
    });
  },
};
