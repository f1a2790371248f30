import type { GraphQLResolverMap } from '@apollo/subgraph';
import { scalars } from '@supergraph/subgraph';
import type { UsersContext } from '../context';
import { Mutation } from './mutation';
import { Query } from './query';
import { User } from './user';

export const resolvers = {
  DateTime: scalars.DateTime,
  Query,
  Mutation,
  User,
} as unknown as GraphQLResolverMap<UsersContext>;
