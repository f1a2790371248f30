import type { ZooContext } from '../context';
import type { ZooRow } from '../db/schema';

export const Zoo = {
  __resolveReference(reference: { id: string }, context: ZooContext) {
    return context.loaders.zooById.load(reference.id);
  },
  owner(zoo: ZooRow) {
    return { __typename: 'User', id: zoo.ownerId };
  },
};

export const User = {
  __resolveReference(reference: { id: string }) {
    return reference;
  },
  zoos(user: { id: string }, args: { first?: number | null; after?: string | null }, context: ZooContext) {
    return context.loaders.zoosByOwner.load(user.id, args, null);
  },
};
