import type { GraphQLResolveInfo } from 'graphql';
import { columnSelector, type PageArgs } from '@supergraph/pagination';
import { parseInput, withoutNulls, z } from '@supergraph/validation';
import type { AnimalContext } from '../context';
import type { AnimalColumn } from '../db/animals';
import type { AnimalRow } from '../db/schema';
import { photoOf } from '../photos/photo-view';

/**
 * What a page of animals reads: the columns each Animal field's resolver (here or the default one) reads; a field
 * added to Animal without a line here makes its pages read every column.
 */
const animalColumns = columnSelector<AnimalColumn>({
  byField: {
    id: ['id'],
    name: ['name'],
    species: ['species'],
    birthDate: ['birthDate'],
    owner: ['ownerId'],
    zoo: ['zooId'],
    photoUrl: ['photoUrl', 'photoKey'],
    photo: ['photoKey', 'photoThumbnailKey', 'photoWidth', 'photoHeight', 'photoContentType'],
    createdAt: ['createdAt'],
  },
  cursor: ['createdAt', 'id'],
  always: ['id'],
});

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
  photo(animal: AnimalRow, _args: unknown, context: AnimalContext) {
    return photoOf(animal, context.photos.store);
  },
  /** Deprecated: the uploaded photo's URL, else the URL typed in with createAnimal/updateAnimal. */
  photoUrl(animal: AnimalRow, _args: unknown, context: AnimalContext) {
    return animal.photoKey ? context.photos.store.publicUrl(animal.photoKey) : animal.photoUrl;
  },
};

export const Zoo = {
  __resolveReference(reference: { id: string }) {
    return reference;
  },
  animals(
    zoo: { id: string },
    args: PageArgs & { filter?: Record<string, unknown> | null },
    context: AnimalContext,
    info: GraphQLResolveInfo,
  ) {
    const filter = parseInput(zooAnimalsFilter, withoutNulls(args.filter ?? {}), 'filter');
    return context.loaders.animalsByZoo.load(zoo.id, args, filter, animalColumns(info));
  },
  animalCount(zoo: { id: string }, _args: unknown, context: AnimalContext) {
    return context.loaders.animalsByZoo.count(zoo.id, {});
  },
};

export const User = {
  __resolveReference(reference: { id: string }) {
    return reference;
  },
  animals(user: { id: string }, args: PageArgs, context: AnimalContext, info: GraphQLResolveInfo) {
    return context.loaders.animalsByOwner.load(user.id, args, {}, animalColumns(info));
  },
};
