import type { GraphQLResolverMap } from '@apollo/subgraph';
import { scalars } from '@supergraph/subgraph';
import type { PuzzleContext } from '../context';
import { Mutation } from './mutation';
import { Completion, Leaderboard, Puzzle, User } from './puzzle';
import { Query } from './query';

export const resolvers = {
  DateTime: scalars.DateTime,
  Query,
  Mutation,
  Puzzle,
  Completion,
  Leaderboard,
  User,
} as unknown as GraphQLResolverMap<PuzzleContext>;
