import { scalars } from '@supergraph/subgraph';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Mutation } from './mutation';
import { Completion, Leaderboard, Puzzle, User } from './puzzle';
import { Query } from './query';
import { Subscription } from './subscription';

export const resolvers: Resolvers = {
  DateTime: scalars.DateTime,
  Query,
  Mutation,
  Subscription,
  Puzzle,
  Completion,
  Leaderboard,
  User,
};
