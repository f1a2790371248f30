import type { GraphQLResolverMap } from '@apollo/subgraph';
import { scalars } from '@supergraph/subgraph';
import type { ZooContext } from '../context';
import { Mutation } from './mutation';
import { Query } from './query';
import { User, Zoo } from './zoo';

export const resolvers = {
  DateTime: scalars.DateTime,
  Query,
  Mutation,
  Zoo,
  User,
} as unknown as GraphQLResolverMap<ZooContext>;
