import { requireOwnerOrAdmin, requireViewer } from '@supergraph/auth';
import { BadUserInput, Forbidden, NotFound } from '@supergraph/errors';
import type { AnimalContext } from '../context';
import { deleteAnimalById, findAnimalsByIds, insertAnimal, isZooDeleted, lockZoo, updateAnimal } from '../db/animals';
import { clearAnimalPhoto } from '../db/photos';
import type { AnimalRow } from '../db/schema';
import {
  parseAnimalId,
  parseCreateAnimalInput,
  parseRequestAnimalPhotoUploadInput,
  parseUpdateAnimalInput,
  parseZooId,
} from '../inputs';
import { topics, type AnimalAddedMessage } from '../live-updates';

/**
 * An animal goes only into a zoo that exists and that the animal's owner owns (admins may use any zoo).
 * The zoo service answers; if it cannot, this throws and the caller writes nothing.
 */
async function assertZooAccepts(context: AnimalContext, zooId: string, animalOwnerId: string): Promise<void> {
  const zooOwnerId = await context.zoos.ownerOf(zooId, context.viewer);
  if (zooOwnerId === null) throw new BadUserInput('zooId', 'No such zoo');
  if (zooOwnerId !== animalOwnerId && context.viewer?.role !== 'ADMIN') {
    throw new Forbidden('An animal can only go into a zoo that its owner owns');
  }
}

/**
 * Runs `write` (which puts an animal into `zooId`) under the zoo's lock, refusing a zoo whose ZooDeleted has
 * been applied here: an animal lands in a zoo before its ZooDeleted (which then takes it out) or not at all.
 * An animal that arrives (it was not in that zoo before: `fromZooId`) is announced on animalAdded with it.
 */
async function intoZoo<Written extends AnimalRow | undefined>(
  context: AnimalContext,
  zooId: string | null,
  fromZooId: string | null,
  write: (db: AnimalContext['db']) => Promise<Written>,
): Promise<Written> {
  if (!zooId) return write(context.db);
  return context.pubsub.transaction(context.db, async (trx, publish) => {
    await lockZoo(trx, zooId);
    if (await isZooDeleted(trx, zooId)) throw new BadUserInput('zooId', 'No such zoo');
    const animal = await write(trx);
    if (animal && fromZooId !== zooId) {
      const arrival: AnimalAddedMessage = { animalId: animal.id };
      publish(topics.animalAdded(zooId), arrival);
    }
    return animal;
  });
}

async function ownedAnimal(context: AnimalContext, id: string): Promise<AnimalRow> {
  requireViewer(context);
  const [animal] = await findAnimalsByIds(context.db, [id]);
  if (!animal) throw new NotFound('No such animal');
  requireOwnerOrAdmin(context, animal.ownerId, 'Only the animal’s owner or an admin can do this');
  return animal;
}

export const Mutation = {
  async createAnimal(_root: unknown, { input }: { input: Record<string, unknown> }, context: AnimalContext) {
    const viewer = requireViewer(context);
    const animal = parseCreateAnimalInput(input);
    if (animal.zooId) await assertZooAccepts(context, animal.zooId, viewer.id);
    return intoZoo(context, animal.zooId, null, (db) => insertAnimal(db, { ...animal, ownerId: viewer.id }));
  },

  async updateAnimal(
    _root: unknown,
    { id, input }: { id: string; input: Record<string, unknown> },
    context: AnimalContext,
  ) {
    await ownedAnimal(context, id);
    const updated = await updateAnimal(context.db, id, parseUpdateAnimalInput(input));
    if (!updated) throw new NotFound('No such animal');
    return updated;
  },

  async moveAnimal(_root: unknown, args: { id: string; zooId?: string | null }, context: AnimalContext) {
    const animal = await ownedAnimal(context, args.id);
    const zooId = parseZooId(args.zooId);
    if (zooId) await assertZooAccepts(context, zooId, animal.ownerId);
    const moved = await intoZoo(context, zooId, animal.zooId, (db) => updateAnimal(db, animal.id, { zooId }));
    if (!moved) throw new NotFound('No such animal');
    return moved;
  },

  async deleteAnimal(_root: unknown, { id }: { id: string }, context: AnimalContext) {
    const animal = await ownedAnimal(context, id);
    const deleted = await deleteAnimalById(context.db, id);
    // Its photo's files were listed for deletion with the row: gone before the client hears it is.
    if (animal.photoKey) await context.photos.sweeper.sweep();
    return deleted;
  },

  async requestAnimalPhotoUpload(
    _root: unknown,
    { input }: { input: Record<string, unknown> },
    context: AnimalContext,
  ) {
    const viewer = requireViewer(context);
    const upload = parseRequestAnimalPhotoUploadInput(input);
    await ownedAnimal(context, upload.animalId);
    return context.photos.grantUpload({
      animalId: upload.animalId,
      requestedBy: viewer.id,
      contentType: upload.contentType,
      maxBytes: upload.byteSize,
    });
  },

  async deleteAnimalPhoto(_root: unknown, args: { animalId: string }, context: AnimalContext) {
    requireViewer(context);
    const animal = await ownedAnimal(context, parseAnimalId(args.animalId));
    const updated = await clearAnimalPhoto(context.db, animal.id);
    if (!updated) throw new NotFound('No such animal');
    if (animal.photoKey) await context.photos.sweeper.sweep();
    return updated;
  },
};
