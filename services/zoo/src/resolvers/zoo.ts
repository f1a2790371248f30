import type { GraphQLResolveInfo } from 'graphql';
import { columnSelector, type PageArgs } from '@supergraph/pagination';
import type { ZooContext } from '../context';
import type { ZooRow } from '../db/schema';
import type { ZooColumn } from '../db/zoos';

/**
 * What a page of zoos reads: the columns each Zoo field's resolver (here or the default one) reads; a field
 * added to Zoo without a line here makes its pages read every column.
 */
const zooColumns = columnSelector<ZooColumn>({
  byField: {
    id: ['id'],
    name: ['name'],
    description: ['description'],
    owner: ['ownerId'],
    createdAt: ['createdAt'],
    updatedAt: ['updatedAt'],
  },
  cursor: ['createdAt', 'id'],
  always: ['id'],
});

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
  zoos(user: { id: string }, args: PageArgs, context: ZooContext, info: GraphQLResolveInfo) {
    return context.loaders.zoosByOwner.load(user.id, args, null, zooColumns(info));
  },
};
