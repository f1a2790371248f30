import { connectionResolvers } from '@supergraph/pagination';
import { scalars } from '@supergraph/subgraph';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Mutation } from './mutation';
import { Query } from './query';
import { User, Zoo } from './zoo';

export const resolvers: Resolvers = {
  DateTime: scalars.DateTime,
  Query,
  ZooConnection: connectionResolvers,
  Mutation,
  Zoo,
  User,
};
