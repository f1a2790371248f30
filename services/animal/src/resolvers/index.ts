import type { GraphQLResolverMap } from '@apollo/subgraph';
import { scalars } from '@supergraph/subgraph';
import type { AnimalContext } from '../context';
import { Animal, User, Zoo } from './animal';
import { Mutation } from './mutation';
import { Query } from './query';

export const resolvers = {
  DateTime: scalars.DateTime,
  Date: scalars.Date,
  Query,
  Mutation,
  Animal,
  Zoo,
  User,
} as unknown as GraphQLResolverMap<AnimalContext>;
