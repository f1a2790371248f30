import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PuzzleRow, LeaderboardRow, CompletionRow } from '../db/schema';
import type { UserReference, PuzzleContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant in time, ISO 8601 (e.g. 2026-12-01T05:00:00.000Z). */
  DateTime: { input: Date; output: Date; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** One star: a part of a puzzle that a user solved. */
export type Completion = {
  __typename?: 'Completion';
  /** When the correct answer was submitted. */
  completedAt: Scalars['DateTime']['output'];
  /** The part solved: 1 or 2. */
  part: Scalars['Int']['output'];
  /** The puzzle the part belongs to. */
  puzzle: Puzzle;
};

/** A new private leaderboard. */
export type CreateLeaderboardInput = {
  /** A single line of 1 to 100 characters. */
  name: Scalars['String']['input'];
  /** The event year to score, 2015 to 2100. */
  year: Scalars['Int']['input'];
};

/** A new puzzle. */
export type CreatePuzzleInput = {
  /** The solution of part 1, 1 to 200 characters; stored hashed and encrypted, never returned. */
  answerPart1: Scalars['String']['input'];
  /** The solution of part 2, 1 to 200 characters; stored hashed and encrypted, never returned. */
  answerPart2: Scalars['String']['input'];
  /** 1 to 25; one puzzle per day of a year (CONFLICT otherwise). */
  day: Scalars['Int']['input'];
  /** The puzzle text, 1 to 20,000 characters. */
  description: Scalars['String']['input'];
  /** The puzzle input, 1 to 65,536 characters. */
  input: Scalars['String']['input'];
  /** A single line of 1 to 200 characters. */
  title: Scalars['String']['input'];
  /** Default: midnight US-Eastern on day `day` of December of `year`. */
  unlocksAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The event year, 2015 to 2100. */
  year: Scalars['Int']['input'];
};

/** One user's place on the global leaderboard of a year. */
export type GlobalLeaderboardEntry = {
  __typename?: 'GlobalLeaderboardEntry';
  /** 1-based position by score; users with equal scores share a rank. */
  rank: Scalars['Int']['output'];
  /** The first 100 solvers of each star get 100, 99, … 1 points. */
  score: Scalars['Int']['output'];
  /** All stars the user earned in the year, scoring or not. */
  stars: Scalars['Int']['output'];
  /** The user. */
  user: User;
};

/** A private leaderboard for one event year. */
export type Leaderboard = {
  __typename?: 'Leaderboard';
  /** The leaderboard's id. */
  id: Scalars['ID']['output'];
  /** Visible to the owner only; share it to invite members. */
  joinCode?: Maybe<Scalars['String']['output']>;
  /** Ordered by local score, then by who reached it first. */
  members: Array<LeaderboardMember>;
  /** The name its owner gave it (1 to 100 characters). */
  name: Scalars['String']['output'];
  /** The user who created the leaderboard; also a member. */
  owner: User;
  /** The event year whose stars the leaderboard scores. */
  year: Scalars['Int']['output'];
};

/** One member's standing on a private leaderboard. */
export type LeaderboardMember = {
  __typename?: 'LeaderboardMember';
  /** When the member earned their latest star of the year; null when they have none. */
  lastStarAt?: Maybe<Scalars['DateTime']['output']>;
  /** For each star of the year, the first member to earn it gets N points (N = member count), the next N−1, and so on. */
  localScore: Scalars['Int']['output'];
  /** Stars the member earned in the leaderboard's year. */
  stars: Scalars['Int']['output'];
  /** The member. */
  user: User;
};

/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Creates a private leaderboard owned by the caller, who becomes its first member. */
  createLeaderboard: Leaderboard;
  /** Admins only (FORBIDDEN otherwise). CONFLICT when the year already has a puzzle for that day. */
  createPuzzle: Puzzle;
  /** Admins only (FORBIDDEN otherwise). Also deletes the puzzle's submissions and stars; returns true. */
  deletePuzzle: Scalars['Boolean']['output'];
  /**
   * Adds the caller to the leaderboard with this join code (no change if already a member). NOT_FOUND for an unknown
   * code; CONFLICT when the leaderboard is full.
   */
  joinLeaderboard: Leaderboard;
  /** A member leaves; when the owner leaves, the board is deleted. Returns true. */
  leaveLeaderboard: Scalars['Boolean']['output'];
  /**
   * Judges an answer. NOT_FOUND for an unknown puzzle; FORBIDDEN before it unlocks or for part 2 before part 1;
   * RATE_LIMITED (extensions.retryAfter, seconds) while a cooldown after a wrong answer runs.
   */
  submitAnswer: SubmissionResult;
  /** Admins only (FORBIDDEN otherwise). Changes only the fields given. */
  updatePuzzle: Puzzle;
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationCreateLeaderboardArgs = {
  input: CreateLeaderboardInput;
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationCreatePuzzleArgs = {
  input: CreatePuzzleInput;
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationDeletePuzzleArgs = {
  id: Scalars['ID']['input'];
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationJoinLeaderboardArgs = {
  joinCode: Scalars['String']['input'];
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationLeaveLeaderboardArgs = {
  id: Scalars['ID']['input'];
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationSubmitAnswerArgs = {
  input: SubmitAnswerInput;
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationUpdatePuzzleArgs = {
  id: Scalars['ID']['input'];
  input: UpdatePuzzleInput;
};

/** One day's puzzle of an Advent-of-Code style event: two parts, one star each. */
export type Puzzle = {
  __typename?: 'Puzzle';
  /** 1 to 25. */
  day: Scalars['Int']['output'];
  /** null until the puzzle unlocks. */
  description?: Maybe<Scalars['String']['output']>;
  /** The puzzle's id. */
  id: Scalars['ID']['output'];
  /** The puzzle input; null until the puzzle unlocks. */
  input?: Maybe<Scalars['String']['output']>;
  /** Stars (0 to 2) the caller has earned on this puzzle; null when anonymous. */
  myStars?: Maybe<Scalars['Int']['output']>;
  /** How many users have solved the given part (1 or 2). */
  solvers: Scalars['Int']['output'];
  /** The puzzle's title; visible before the puzzle unlocks. */
  title: Scalars['String']['output'];
  /** Whether `unlocksAt` has passed on the server's clock. */
  unlocked: Scalars['Boolean']['output'];
  /** When the puzzle opens; by default midnight US-Eastern (05:00 UTC) on December `day` of `year`. */
  unlocksAt: Scalars['DateTime']['output'];
  /** The event year the puzzle belongs to (2015 to 2100). */
  year: Scalars['Int']['output'];
};


/** One day's puzzle of an Advent-of-Code style event: two parts, one star each. */
export type PuzzleSolversArgs = {
  part: Scalars['Int']['input'];
};

/** The read operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type Query = {
  __typename?: 'Query';
  /**
   * The year's global leaderboard, best score first; lists users with at least one scoring star. Open to anonymous
   * callers.
   */
  globalLeaderboard: Array<GlobalLeaderboardEntry>;
  /** Members (and admins) only: UNAUTHENTICATED when anonymous, FORBIDDEN for anyone else. */
  leaderboard?: Maybe<Leaderboard>;
  /** The puzzle of one day, locked or not; null when there is none. Open to anonymous callers. */
  puzzle?: Maybe<Puzzle>;
  /** The year's puzzles by day. */
  puzzles: Array<Puzzle>;
};


/** The read operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type QueryGlobalLeaderboardArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  year: Scalars['Int']['input'];
};


/** The read operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type QueryLeaderboardArgs = {
  id: Scalars['ID']['input'];
};


/** The read operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type QueryPuzzleArgs = {
  day: Scalars['Int']['input'];
  year: Scalars['Int']['input'];
};


/** The read operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type QueryPuzzlesArgs = {
  year: Scalars['Int']['input'];
};

/** A star someone just earned: pushed by starEarned. */
export type StarEvent = {
  __typename?: 'StarEvent';
  /** When the correct answer was submitted. */
  earnedAt: Scalars['DateTime']['output'];
  /** The part solved: 1 or 2. */
  part: Scalars['Int']['output'];
  /** The puzzle the star belongs to. */
  puzzle: Puzzle;
  /** Who earned the star. */
  user: User;
};

/** The outcome of submitAnswer. */
export type SubmissionResult = {
  __typename?: 'SubmissionResult';
  /** Whether the answer matched the solution (also reported when the verdict is ALREADY_SOLVED). */
  correct: Scalars['Boolean']['output'];
  /**
   * After a wrong answer: seconds until the next submission for this part is judged (60, or 300 from the fifth wrong
   * answer on this part); null otherwise.
   */
  retryAfterSeconds?: Maybe<Scalars['Int']['output']>;
  /** 1 when this submission earned a star, else 0. */
  starsEarned: Scalars['Int']['output'];
  /** How the answer was judged. */
  verdict: Verdict;
};

/** An answer to one part of a puzzle. */
export type SubmitAnswerInput = {
  /** The answer, 1 to 200 characters; compared after trimming surrounding whitespace. */
  answer: Scalars['String']['input'];
  /** 1 or 2; part 2 opens after part 1 is solved. */
  part: Scalars['Int']['input'];
  /** The puzzle's id. */
  puzzleId: Scalars['ID']['input'];
};

/** Live updates, pushed as they happen (through the gateway: WebSocket or server-sent events). */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * The whole leaderboard, pushed each time a member earns a star of its year, joins or leaves. Members (and admins)
   * only: UNAUTHENTICATED when anonymous, FORBIDDEN for anyone else, NOT_FOUND for an unknown board. Ends when the
   * board is deleted; ends with FORBIDDEN when the subscriber stops being a member.
   */
  leaderboardChanged: Leaderboard;
  /** Every star earned in one event year, as it is earned. Open to anonymous callers. */
  starEarned: StarEvent;
};


/** Live updates, pushed as they happen (through the gateway: WebSocket or server-sent events). */
export type SubscriptionLeaderboardChangedArgs = {
  id: Scalars['ID']['input'];
};


/** Live updates, pushed as they happen (through the gateway: WebSocket or server-sent events). */
export type SubscriptionStarEarnedArgs = {
  year: Scalars['Int']['input'];
};

/** Changes to a puzzle; fields left out or null stay as they are. */
export type UpdatePuzzleInput = {
  /** A new solution of part 1, 1 to 200 characters; stars already earned are kept. */
  answerPart1?: InputMaybe<Scalars['String']['input']>;
  /** A new solution of part 2, 1 to 200 characters; stars already earned are kept. */
  answerPart2?: InputMaybe<Scalars['String']['input']>;
  /** The puzzle text, 1 to 20,000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The puzzle input, 1 to 65,536 characters. */
  input?: InputMaybe<Scalars['String']['input']>;
  /** A single line of 1 to 200 characters. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** A new unlock time. */
  unlocksAt?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A person with an account. Other subgraphs extend User with what they own. */
export type User = {
  __typename?: 'User';
  /** Parts solved in one event year, in the order they were solved. */
  completions: Array<Completion>;
  /** The user's id (a UUID). */
  id: Scalars['ID']['output'];
  /** Stars earned in one event year. */
  stars: Scalars['Int']['output'];
};


/** A person with an account. Other subgraphs extend User with what they own. */
export type UserCompletionsArgs = {
  year: Scalars['Int']['input'];
};


/** A person with an account. Other subgraphs extend User with what they own. */
export type UserStarsArgs = {
  year: Scalars['Int']['input'];
};

/** How a submitted answer was judged. */
export type Verdict =
  /** The caller had already solved this part; no star is earned and no cooldown starts. */
  | 'ALREADY_SOLVED'
  /** The answer is right; the part is now solved. */
  | 'CORRECT'
  /** Wrong, with no hint (an answer or solution that is not an integer). */
  | 'INCORRECT'
  /** Wrong: the answer and the solution are both integers and the answer is larger. */
  | 'TOO_HIGH'
  /** Wrong: the answer and the solution are both integers and the answer is smaller. */
  | 'TOO_LOW';



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Puzzle: Puzzle;
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Puzzle:
    ( { __typename: 'Puzzle' }
    & GraphQLRecursivePick<FederationTypes['Puzzle'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Completion: ResolverTypeWrapper<CompletionRow>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CreateLeaderboardInput: CreateLeaderboardInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  CreatePuzzleInput: CreatePuzzleInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  GlobalLeaderboardEntry: ResolverTypeWrapper<Omit<GlobalLeaderboardEntry, 'user'> & { user: ResolversTypes['User'] }>;
  Leaderboard: ResolverTypeWrapper<LeaderboardRow>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  LeaderboardMember: ResolverTypeWrapper<Omit<LeaderboardMember, 'user'> & { user: ResolversTypes['User'] }>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Puzzle: ResolverTypeWrapper<PuzzleRow>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  StarEvent: ResolverTypeWrapper<Omit<StarEvent, 'puzzle' | 'user'> & { puzzle: ResolversTypes['Puzzle'], user: ResolversTypes['User'] }>;
  SubmissionResult: ResolverTypeWrapper<SubmissionResult>;
  SubmitAnswerInput: SubmitAnswerInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  UpdatePuzzleInput: UpdatePuzzleInput;
  User: ResolverTypeWrapper<UserReference>;
  Verdict: Verdict;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Completion: CompletionRow;
  Int: Scalars['Int']['output'];
  CreateLeaderboardInput: CreateLeaderboardInput;
  String: Scalars['String']['output'];
  CreatePuzzleInput: CreatePuzzleInput;
  DateTime: Scalars['DateTime']['output'];
  GlobalLeaderboardEntry: Omit<GlobalLeaderboardEntry, 'user'> & { user: ResolversParentTypes['User'] };
  Leaderboard: LeaderboardRow;
  ID: Scalars['ID']['output'];
  LeaderboardMember: Omit<LeaderboardMember, 'user'> & { user: ResolversParentTypes['User'] };
  Mutation: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
  Puzzle: PuzzleRow;
  Query: Record<PropertyKey, never>;
  StarEvent: Omit<StarEvent, 'puzzle' | 'user'> & { puzzle: ResolversParentTypes['Puzzle'], user: ResolversParentTypes['User'] };
  SubmissionResult: SubmissionResult;
  SubmitAnswerInput: SubmitAnswerInput;
  Subscription: Record<PropertyKey, never>;
  UpdatePuzzleInput: UpdatePuzzleInput;
  User: UserReference;
};

export type CompletionResolvers<ContextType = PuzzleContext, ParentType extends ResolversParentTypes['Completion'] = ResolversParentTypes['Completion']> = {
  completedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  part?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  puzzle?: Resolver<ResolversTypes['Puzzle'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type GlobalLeaderboardEntryResolvers<ContextType = PuzzleContext, ParentType extends ResolversParentTypes['GlobalLeaderboardEntry'] = ResolversParentTypes['GlobalLeaderboardEntry']> = {
  rank?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stars?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type LeaderboardResolvers<ContextType = PuzzleContext, ParentType extends ResolversParentTypes['Leaderboard'] = ResolversParentTypes['Leaderboard']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  joinCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  members?: Resolver<Array<ResolversTypes['LeaderboardMember']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type LeaderboardMemberResolvers<ContextType = PuzzleContext, ParentType extends ResolversParentTypes['LeaderboardMember'] = ResolversParentTypes['LeaderboardMember']> = {
  lastStarAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  localScore?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stars?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = PuzzleContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  createLeaderboard?: Resolver<ResolversTypes['Leaderboard'], ParentType, ContextType, RequireFields<MutationCreateLeaderboardArgs, 'input'>>;
  createPuzzle?: Resolver<ResolversTypes['Puzzle'], ParentType, ContextType, RequireFields<MutationCreatePuzzleArgs, 'input'>>;
  deletePuzzle?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeletePuzzleArgs, 'id'>>;
  joinLeaderboard?: Resolver<ResolversTypes['Leaderboard'], ParentType, ContextType, RequireFields<MutationJoinLeaderboardArgs, 'joinCode'>>;
  leaveLeaderboard?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationLeaveLeaderboardArgs, 'id'>>;
  submitAnswer?: Resolver<ResolversTypes['SubmissionResult'], ParentType, ContextType, RequireFields<MutationSubmitAnswerArgs, 'input'>>;
  updatePuzzle?: Resolver<ResolversTypes['Puzzle'], ParentType, ContextType, RequireFields<MutationUpdatePuzzleArgs, 'id' | 'input'>>;
};

export type PuzzleResolvers<ContextType = PuzzleContext, ParentType extends ResolversParentTypes['Puzzle'] = ResolversParentTypes['Puzzle'], FederationReferenceType extends FederationReferenceTypes['Puzzle'] = FederationReferenceTypes['Puzzle']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Puzzle']> | FederationReferenceType, FederationReferenceType, ContextType>;
  day?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  input?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  myStars?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  solvers?: Resolver<ResolversTypes['Int'], ParentType, ContextType, RequireFields<PuzzleSolversArgs, 'part'>>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unlocked?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  unlocksAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = PuzzleContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  globalLeaderboard?: Resolver<Array<ResolversTypes['GlobalLeaderboardEntry']>, ParentType, ContextType, RequireFields<QueryGlobalLeaderboardArgs, 'first' | 'year'>>;
  leaderboard?: Resolver<Maybe<ResolversTypes['Leaderboard']>, ParentType, ContextType, RequireFields<QueryLeaderboardArgs, 'id'>>;
  puzzle?: Resolver<Maybe<ResolversTypes['Puzzle']>, ParentType, ContextType, RequireFields<QueryPuzzleArgs, 'day' | 'year'>>;
  puzzles?: Resolver<Array<ResolversTypes['Puzzle']>, ParentType, ContextType, RequireFields<QueryPuzzlesArgs, 'year'>>;
};

export type StarEventResolvers<ContextType = PuzzleContext, ParentType extends ResolversParentTypes['StarEvent'] = ResolversParentTypes['StarEvent']> = {
  earnedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  part?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  puzzle?: Resolver<ResolversTypes['Puzzle'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type SubmissionResultResolvers<ContextType = PuzzleContext, ParentType extends ResolversParentTypes['SubmissionResult'] = ResolversParentTypes['SubmissionResult']> = {
  correct?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  retryAfterSeconds?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  starsEarned?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  verdict?: Resolver<ResolversTypes['Verdict'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = PuzzleContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  leaderboardChanged?: SubscriptionResolver<ResolversTypes['Leaderboard'], "leaderboardChanged", ParentType, ContextType, RequireFields<SubscriptionLeaderboardChangedArgs, 'id'>>;
  starEarned?: SubscriptionResolver<ResolversTypes['StarEvent'], "starEarned", ParentType, ContextType, RequireFields<SubscriptionStarEarnedArgs, 'year'>>;
};

export type UserResolvers<ContextType = PuzzleContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  completions?: Resolver<Array<ResolversTypes['Completion']>, ParentType, ContextType, RequireFields<UserCompletionsArgs, 'year'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  stars?: Resolver<ResolversTypes['Int'], ParentType, ContextType, RequireFields<UserStarsArgs, 'year'>>;
};

export type Resolvers<ContextType = PuzzleContext> = {
  Completion?: CompletionResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  GlobalLeaderboardEntry?: GlobalLeaderboardEntryResolvers<ContextType>;
  Leaderboard?: LeaderboardResolvers<ContextType>;
  LeaderboardMember?: LeaderboardMemberResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Puzzle?: PuzzleResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  StarEvent?: StarEventResolvers<ContextType>;
  SubmissionResult?: SubmissionResultResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
};

