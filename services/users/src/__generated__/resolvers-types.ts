import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { UserRow, AuthorityChangeRow } from '../db/schema';
import type { Connection } from '@supergraph/pagination';
import type { UsersContext } from '../context';
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

/** A session just started or refreshed: an access token, a refresh token and the user they belong to. */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** JWT for the Authorization header; expires after expiresIn seconds. */
  accessToken: Scalars['String']['output'];
  /** Seconds until the access token expires (900, i.e. 15 minutes). */
  expiresIn: Scalars['Int']['output'];
  /** Opaque; exchange it with refreshToken for a new pair. Each refresh token works once. */
  refreshToken: Scalars['String']['output'];
  /** The user the session belongs to. */
  user: User;
};

/**
 * A role change or a deletion: the feed the gateway follows so that older access tokens lose their power.
 * Not part of the public API.
 */
export type AuthorityChange = {
  __typename?: 'AuthorityChange';
  /** When the change was made. */
  changedAt: Scalars['DateTime']['output'];
  /** True when the account was deleted. */
  deleted: Scalars['Boolean']['output'];
  /** The new role; null for a deletion. */
  role?: Maybe<Role>;
  /**
   * The user whose role changed or whose account was deleted, as the SHA-256 (hex) of their id: the feed keeps no
   * deleted user's id.
   */
  subject: Scalars['String']['output'];
};

/** A username and password to sign in with. */
export type LoginInput = {
  /** The account's password. */
  password: Scalars['String']['input'];
  /** The account's username, matched ignoring case. */
  username: Scalars['String']['input'];
};

/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Deletes an account: the user themself or an admin.
   * Ends its sessions and returns true. UNAUTHENTICATED when anonymous; FORBIDDEN for anyone else; NOT_FOUND when there
   * is no such user.
   */
  deleteUser: Scalars['Boolean']['output'];
  /**
   * Starts a session. UNAUTHENTICATED for a wrong username or password; RATE_LIMITED (extensions.retryAfter, seconds)
   * after too many failed logins for one username (by default 5 within 15 minutes).
   */
  login: AuthPayload;
  /**
   * Ends the session the refresh token belongs to. True when a session was ended.
   * Needs no access token; access tokens already issued stay valid until they expire.
   */
  logout: Scalars['Boolean']['output'];
  /**
   * Exchanges a refresh token for a new access token and refresh token; the one given is spent. UNAUTHENTICATED for an
   * unknown, expired or revoked token; presenting a spent one again also ends its whole session.
   */
  refreshToken: AuthPayload;
  /**
   * Creates an account with role USER and starts a session for it. Open to anyone. BAD_USER_INPUT for an invalid
   * field; CONFLICT when the username or email is taken.
   */
  register: AuthPayload;
  /**
   * Admins only.
   * FORBIDDEN otherwise. Sets a user's role and ends their sessions (refresh tokens stop working), so their next login
   * carries the new role. NOT_FOUND when there is no such user.
   */
  setUserRole: User;
  /**
   * Changes the caller's own account. UNAUTHENTICATED when anonymous; BAD_USER_INPUT for an invalid field or a wrong
   * currentPassword; CONFLICT when the new username or email is taken.
   */
  updateMe: User;
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationDeleteUserArgs = {
  id: Scalars['ID']['input'];
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationLoginArgs = {
  input: LoginInput;
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationLogoutArgs = {
  refreshToken: Scalars['String']['input'];
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationRefreshTokenArgs = {
  token: Scalars['String']['input'];
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationRegisterArgs = {
  input: RegisterInput;
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationSetUserRoleArgs = {
  id: Scalars['ID']['input'];
  role: Role;
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationUpdateMeArgs = {
  input: UpdateMeInput;
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
  /**
   * For the gateway only: each user's latest role change or deletion since a time.
   * Internal (@inaccessible); FORBIDDEN for any caller but the gateway.
   */
  _authorityChanges: Array<AuthorityChange>;
  /** The caller, or null when anonymous. */
  me?: Maybe<User>;
  /** One user by id; null when there is no such user. Open to anonymous callers. */
  user?: Maybe<User>;
  /** One user by username; null when there is no such user. Open to anonymous callers. */
  userByUsername?: Maybe<User>;
  /** A page of all users in sign-up order, oldest first. Open to anonymous callers. */
  users: UserConnection;
};


/** The read operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type Query_AuthorityChangesArgs = {
  since: Scalars['DateTime']['input'];
};


/** The read operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type QueryUserArgs = {
  id: Scalars['ID']['input'];
};


/** The read operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type QueryUserByUsernameArgs = {
  username: Scalars['String']['input'];
};


/** The read operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type QueryUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A new account. */
export type RegisterInput = {
  /** A valid address of at most 254 characters, trimmed; CONFLICT when already registered (ignoring case). */
  email: Scalars['String']['input'];
  /** 8 to 128 characters; stored only as an Argon2id hash. */
  password: Scalars['String']['input'];
  /** 3 to 32 letters, digits, _ or -; CONFLICT when taken (ignoring case). */
  username: Scalars['String']['input'];
};

/** What an account may do. */
export type Role =
  /** May change roles, delete any account, see every email, and use the admin operations of other subgraphs. */
  | 'ADMIN'
  /** An ordinary account; every new account starts as USER. */
  | 'USER';

/** Changes to the caller's account; fields left out or null stay as they are. */
export type UpdateMeInput = {
  /** The present password; required with password (BAD_USER_INPUT when missing or wrong), ignored otherwise. */
  currentPassword?: InputMaybe<Scalars['String']['input']>;
  /** A new address of at most 254 characters, trimmed; CONFLICT when already registered (ignoring case). */
  email?: InputMaybe<Scalars['String']['input']>;
  /** A new password; needs currentPassword. Ends every session: refresh tokens stop working. */
  password?: InputMaybe<Scalars['String']['input']>;
  /** A new username: 3 to 32 letters, digits, _ or -; CONFLICT when taken (ignoring case). */
  username?: InputMaybe<Scalars['String']['input']>;
};

/** A person with an account. Other subgraphs extend User with what they own. */
export type User = {
  __typename?: 'User';
  /** When the account was registered. */
  createdAt: Scalars['DateTime']['output'];
  /** Visible to the user and to admins only; null for everyone else. */
  email?: Maybe<Scalars['String']['output']>;
  /** The user's id (a UUID). */
  id: Scalars['ID']['output'];
  /** The user's current role. */
  role: Role;
  /** 3 to 32 letters, digits, _ or -; unique ignoring case. */
  username: Scalars['String']['output'];
};

/** A page of users in sign-up order, oldest first. */
export type UserConnection = {
  __typename?: 'UserConnection';
  /** The users on this page. */
  edges: Array<UserEdge>;
  /** Whether another page follows, and the cursor to fetch it. */
  pageInfo: PageInfo;
  /** How many users there are in all, across every page. */
  totalCount: Scalars['Int']['output'];
};

/** One user in a page of users. */
export type UserEdge = {
  __typename?: 'UserEdge';
  /** Opaque; pass it as `after` to get the users that follow this one. */
  cursor: Scalars['String']['output'];
  /** The user. */
  node: User;
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
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AuthPayload: ResolverTypeWrapper<Omit<AuthPayload, 'user'> & { user: ResolversTypes['User'] }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AuthorityChange: ResolverTypeWrapper<AuthorityChangeRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  LoginInput: LoginInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RegisterInput: RegisterInput;
  Role: Role;
  UpdateMeInput: UpdateMeInput;
  User: ResolverTypeWrapper<UserRow>;
  UserConnection: ResolverTypeWrapper<Connection>;
  UserEdge: ResolverTypeWrapper<Omit<UserEdge, 'node'> & { node: ResolversTypes['User'] }>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AuthPayload: Omit<AuthPayload, 'user'> & { user: ResolversParentTypes['User'] };
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  AuthorityChange: AuthorityChangeRow;
  Boolean: Scalars['Boolean']['output'];
  DateTime: Scalars['DateTime']['output'];
  LoginInput: LoginInput;
  Mutation: Record<PropertyKey, never>;
  ID: Scalars['ID']['output'];
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  RegisterInput: RegisterInput;
  UpdateMeInput: UpdateMeInput;
  User: UserRow;
  UserConnection: Connection;
  UserEdge: Omit<UserEdge, 'node'> & { node: ResolversParentTypes['User'] };
};

export type AuthPayloadResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['AuthPayload'] = ResolversParentTypes['AuthPayload']> = {
  accessToken?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresIn?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refreshToken?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type AuthorityChangeResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['AuthorityChange'] = ResolversParentTypes['AuthorityChange']> = {
  changedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  role?: Resolver<Maybe<ResolversTypes['Role']>, ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MutationResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  deleteUser?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteUserArgs, 'id'>>;
  login?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationLoginArgs, 'input'>>;
  logout?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationLogoutArgs, 'refreshToken'>>;
  refreshToken?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationRefreshTokenArgs, 'token'>>;
  register?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationRegisterArgs, 'input'>>;
  setUserRole?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationSetUserRoleArgs, 'id' | 'role'>>;
  updateMe?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationUpdateMeArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  _authorityChanges?: Resolver<Array<ResolversTypes['AuthorityChange']>, ParentType, ContextType, RequireFields<Query_AuthorityChangesArgs, 'since'>>;
  me?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType, RequireFields<QueryUserArgs, 'id'>>;
  userByUsername?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType, RequireFields<QueryUserByUsernameArgs, 'username'>>;
  users?: Resolver<ResolversTypes['UserConnection'], ParentType, ContextType, RequireFields<QueryUsersArgs, 'first'>>;
};

export type UserResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type UserConnectionResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['UserConnection'] = ResolversParentTypes['UserConnection']> = {
  edges?: Resolver<Array<ResolversTypes['UserEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type UserEdgeResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['UserEdge'] = ResolversParentTypes['UserEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type Resolvers<ContextType = UsersContext> = {
  AuthPayload?: AuthPayloadResolvers<ContextType>;
  AuthorityChange?: AuthorityChangeResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  UserConnection?: UserConnectionResolvers<ContextType>;
  UserEdge?: UserEdgeResolvers<ContextType>;
};

