import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ZooRow } from '../db/schema';
import type { UserReference, ZooContext } from '../context';
import type { Connection } from '@supergraph/pagination';
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

/** A new zoo. */
export type CreateZooInput = {
  /**
   * At most 2000 characters of plain text.
   * Trimmed; no HTML and no control characters but tabs and newlines (BAD_USER_INPUT otherwise). Empty means none.
   */
  description?: InputMaybe<Scalars['String']['input']>;
  /**
   * 1 to 100 characters (trimmed).
   * A single line; BAD_USER_INPUT otherwise.
   */
  name: Scalars['String']['input'];
};

/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Creates a zoo owned by the caller. BAD_USER_INPUT for an invalid field. */
  createZoo: Zoo;
  /**
   * The owner or an admin. The zoo's animals stay, without a zoo.
   * Deletes a zoo and returns true. NOT_FOUND when there is no such zoo; FORBIDDEN for anyone else. When the animal
   * service cannot be reached, nothing is deleted (INTERNAL_SERVER_ERROR with extensions.retryable true).
   */
  deleteZoo: Scalars['Boolean']['output'];
  /**
   * The owner or an admin.
   * Changes a zoo and returns it. NOT_FOUND when there is no such zoo; FORBIDDEN for anyone else; BAD_USER_INPUT for an
   * invalid field.
   */
  updateZoo: Zoo;
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationCreateZooArgs = {
  input: CreateZooInput;
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationDeleteZooArgs = {
  id: Scalars['ID']['input'];
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationUpdateZooArgs = {
  id: Scalars['ID']['input'];
  input: UpdateZooInput;
};

/** Where a page of a list stands. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the page's last item, to pass as `after` for the next page; null when the page is empty. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether more items follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** The read operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type Query = {
  __typename?: 'Query';
  /** One zoo by id; null when there is no such zoo. Open to anonymous callers. */
  zoo?: Maybe<Zoo>;
  /**
   * Zoos, oldest first.
   * All zoos of every owner, optionally filtered. Open to anonymous callers.
   */
  zoos: ZooConnection;
};


/** The read operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type QueryZooArgs = {
  id: Scalars['ID']['input'];
};


/** The read operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type QueryZoosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ZooFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Changes to a zoo; fields left out stay as they are. */
export type UpdateZooInput = {
  /**
   * null clears the description.
   * Otherwise at most 2000 characters of plain text (trimmed; an empty string also clears it).
   */
  description?: InputMaybe<Scalars['String']['input']>;
  /** A new name: a single line of 1 to 100 characters (trimmed); null leaves the name as it is. */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** A person with an account. Other subgraphs extend User with what they own. */
export type User = {
  __typename?: 'User';
  /** The user's id (a UUID). */
  id: Scalars['ID']['output'];
  /** The user's zoos, oldest first. */
  zoos: ZooConnection;
};


/** A person with an account. Other subgraphs extend User with what they own. */
export type UserZoosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A zoo, owned by one user, holding animals (see the animal subgraph). */
export type Zoo = {
  __typename?: 'Zoo';
  /** When the zoo was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Plain text of at most 2000 characters; null when the zoo has none. */
  description?: Maybe<Scalars['String']['output']>;
  /** The zoo's id (a UUID). */
  id: Scalars['ID']['output'];
  /** A single line of 1 to 100 characters. */
  name: Scalars['String']['output'];
  /** The user who created the zoo; only they (or an admin) may change or delete it. */
  owner: User;
  /** When the zoo was last changed by updateZoo; equals createdAt until then. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A page of zoos in creation order, oldest first. */
export type ZooConnection = {
  __typename?: 'ZooConnection';
  /** The zoos on this page. */
  edges: Array<ZooEdge>;
  /** Whether another page follows, and the cursor to fetch it. */
  pageInfo: PageInfo;
  /** How many zoos match in all, across every page. */
  totalCount: Scalars['Int']['output'];
};

/** One zoo in a page of zoos. */
export type ZooEdge = {
  __typename?: 'ZooEdge';
  /** Opaque; pass it as `after` to get the zoos that follow this one. */
  cursor: Scalars['String']['output'];
  /** The zoo. */
  node: Zoo;
};

/** Narrows a list of zoos; fields left out or null do not filter, and given fields must all match. */
export type ZooFilter = {
  /**
   * Case-insensitive substring of the name.
   * Trimmed, 3 to 100 characters (otherwise BAD_USER_INPUT; empty means no name filter); `%` and `_` match literally.
   */
  nameContains?: InputMaybe<Scalars['String']['input']>;
  /** Only zoos owned by this user; a value that is not a user id (UUID) is BAD_USER_INPUT. */
  ownerId?: InputMaybe<Scalars['ID']['input']>;
};



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
  User: User;
  Zoo: Zoo;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
  Zoo:
    ( { __typename: 'Zoo' }
    & GraphQLRecursivePick<FederationTypes['Zoo'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  CreateZooInput: CreateZooInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  UpdateZooInput: UpdateZooInput;
  User: ResolverTypeWrapper<UserReference>;
  Zoo: ResolverTypeWrapper<ZooRow>;
  ZooConnection: ResolverTypeWrapper<Connection>;
  ZooEdge: ResolverTypeWrapper<Omit<ZooEdge, 'node'> & { node: ResolversTypes['Zoo'] }>;
  ZooFilter: ZooFilter;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  CreateZooInput: CreateZooInput;
  String: Scalars['String']['output'];
  DateTime: Scalars['DateTime']['output'];
  Mutation: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
  ID: Scalars['ID']['output'];
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  Int: Scalars['Int']['output'];
  UpdateZooInput: UpdateZooInput;
  User: UserReference;
  Zoo: ZooRow;
  ZooConnection: Connection;
  ZooEdge: Omit<ZooEdge, 'node'> & { node: ResolversParentTypes['Zoo'] };
  ZooFilter: ZooFilter;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MutationResolvers<ContextType = ZooContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  createZoo?: Resolver<ResolversTypes['Zoo'], ParentType, ContextType, RequireFields<MutationCreateZooArgs, 'input'>>;
  deleteZoo?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteZooArgs, 'id'>>;
  updateZoo?: Resolver<ResolversTypes['Zoo'], ParentType, ContextType, RequireFields<MutationUpdateZooArgs, 'id' | 'input'>>;
};

export type PageInfoResolvers<ContextType = ZooContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = ZooContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  zoo?: Resolver<Maybe<ResolversTypes['Zoo']>, ParentType, ContextType, RequireFields<QueryZooArgs, 'id'>>;
  zoos?: Resolver<ResolversTypes['ZooConnection'], ParentType, ContextType, RequireFields<QueryZoosArgs, 'first'>>;
};

export type UserResolvers<ContextType = ZooContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  zoos?: Resolver<ResolversTypes['ZooConnection'], ParentType, ContextType, RequireFields<UserZoosArgs, 'first'>>;
};

export type ZooResolvers<ContextType = ZooContext, ParentType extends ResolversParentTypes['Zoo'] = ResolversParentTypes['Zoo'], FederationReferenceType extends FederationReferenceTypes['Zoo'] = FederationReferenceTypes['Zoo']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Zoo']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ZooConnectionResolvers<ContextType = ZooContext, ParentType extends ResolversParentTypes['ZooConnection'] = ResolversParentTypes['ZooConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ZooEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ZooEdgeResolvers<ContextType = ZooContext, ParentType extends ResolversParentTypes['ZooEdge'] = ResolversParentTypes['ZooEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Zoo'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ZooContext> = {
  DateTime?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  Zoo?: ZooResolvers<ContextType>;
  ZooConnection?: ZooConnectionResolvers<ContextType>;
  ZooEdge?: ZooEdgeResolvers<ContextType>;
};

