import { connectionResolvers } from '@supergraph/pagination';
import { scalars } from '@supergraph/subgraph';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Mutation } from './mutation';
import { Query } from './query';
import { User } from './user';

export const resolvers: Resolvers = {
  DateTime: scalars.DateTime,
  Query,
  UserConnection: connectionResolvers,
  Mutation,
  User,
};
