import type { PageArgs } from '@supergraph/pagination';
import { parseInput, withoutNulls, z } from '@supergraph/validation';
import type { AnimalContext } from '../context';
import type { AnimalRow } from '../db/schema';

const zooAnimalsFilter = z.object({ species: z.string().trim().max(100).optional() });

export const Animal = {
  __resolveReference(reference: { id: string }, context: AnimalContext) {
    return context.loaders.animalById.load(reference.id);
  },
  owner(animal: AnimalRow) {
    return { __typename: 'User', id: animal.ownerId };
  },
  zoo(animal: AnimalRow) {
    return animal.zooId ? { __typename: 'Zoo', id: animal.zooId } : null;
  },
};

export const Zoo = {
  __resolveReference(reference: { id: string }) {
    return reference;
  },
  animals(zoo: { id: string }, args: PageArgs & { filter?: Record<string, unknown> | null }, context: AnimalContext) {
    const filter = parseInput(zooAnimalsFilter, withoutNulls(args.filter ?? {}), 'filter');
    return context.loaders.animalsByZoo.load(zoo.id, args, filter);
  },
  animalCount(zoo: { id: string }, _args: unknown, context: AnimalContext) {
    return context.loaders.animalsByZoo.count(zoo.id, {});
  },
};

export const User = {
  __resolveReference(reference: { id: string }) {
    return reference;
  },
  animals(user: { id: string }, args: PageArgs, context: AnimalContext) {
    return context.loaders.animalsByOwner.load(user.id, args, {});
  },
};
