import { connectionResolvers } from '@supergraph/pagination';
import { scalars } from '@supergraph/subgraph';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Animal, User, Zoo } from './animal';
import { Mutation } from './mutation';
import { Query } from './query';
import { Subscription } from './subscription';

export const resolvers: Resolvers = {
  DateTime: scalars.DateTime,
  Date: scalars.Date,
  Query,
  AnimalConnection: connectionResolvers,
  Mutation,
  Subscription,
  Animal,
  Zoo,
  User,
};
