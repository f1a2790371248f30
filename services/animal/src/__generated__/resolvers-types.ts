import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { AnimalRow } from '../db/schema';
import type { ZooReference, UserReference, AnimalContext } from '../context';
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
  /** A calendar day, YYYY-MM-DD. */
  Date: { input: string; output: string; }
  /** An instant in time, ISO 8601 (e.g. 2026-12-01T05:00:00.000Z). */
  DateTime: { input: Date; output: Date; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** An animal, owned by one user, living in at most one zoo. */
export type Animal = {
  __typename?: 'Animal';
  /** The day the animal was born (YYYY-MM-DD); null when unknown. */
  birthDate?: Maybe<Scalars['Date']['output']>;
  /** When the animal was created (ISO 8601). */
  createdAt: Scalars['DateTime']['output'];
  /** The animal's unique id (a UUID). */
  id: Scalars['ID']['output'];
  /** The animal's name, 1 to 100 characters. */
  name: Scalars['String']['output'];
  /** The user who owns the animal: whoever created it. */
  owner: User;
  /** The animal's uploaded photo (requestAnimalPhotoUpload); null when none was uploaded. */
  photo?: Maybe<Photo>;
  /**
   * The URL of a photo of the animal: the uploaded photo's `url` when it has one, otherwise the https URL typed in
   * with createAnimal or updateAnimal (at most 2048 characters); null when there is neither.
   * @deprecated Use photo.url.
   */
  photoUrl?: Maybe<Scalars['String']['output']>;
  /** The animal's species as entered, 1 to 100 characters. */
  species: Scalars['String']['output'];
  /** null when the animal is not in a zoo. */
  zoo?: Maybe<Zoo>;
};

/** A page of animals (Relay connection). */
export type AnimalConnection = {
  __typename?: 'AnimalConnection';
  /** The animals of this page, in the list's order. */
  edges: Array<AnimalEdge>;
  /** Whether another page follows, and the cursor to get it. */
  pageInfo: PageInfo;
  /** The number of animals in the whole list (all pages), after filtering. */
  totalCount: Scalars['Int']['output'];
};

/** One animal in a page of animals, with its cursor. */
export type AnimalEdge = {
  __typename?: 'AnimalEdge';
  /** An opaque cursor for this animal; pass it as `after` to get the animals that follow it. */
  cursor: Scalars['String']['output'];
  /** The animal. */
  node: Animal;
};

/** Filters the list of all animals; the given conditions must all hold. */
export type AnimalFilter = {
  /**
   * Case-insensitive substring of the name.
   * Trimmed, 3 to 100 characters (otherwise BAD_USER_INPUT; empty means no name filter); `%` and `_` match literally.
   */
  nameContains?: InputMaybe<Scalars['String']['input']>;
  /** Only animals this user owns; not a valid id gives BAD_USER_INPUT. */
  ownerId?: InputMaybe<Scalars['ID']['input']>;
  /** Exact species, ignoring case. */
  species?: InputMaybe<Scalars['String']['input']>;
  /** Only animals in this zoo; not a valid id gives BAD_USER_INPUT. */
  zooId?: InputMaybe<Scalars['ID']['input']>;
};

/** A new animal; the caller becomes its owner. Invalid values give BAD_USER_INPUT. */
export type CreateAnimalInput = {
  /** Not in the future. */
  birthDate?: InputMaybe<Scalars['Date']['input']>;
  /** 1 to 100 characters (trimmed). */
  name: Scalars['String']['input'];
  /**
   * An https URL, shown by the deprecated Animal.photoUrl while no photo is uploaded.
   * @deprecated Upload a photo with requestAnimalPhotoUpload.
   */
  photoUrl?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 100 characters (trimmed). */
  species: Scalars['String']['input'];
  /** A zoo the caller owns (admins: any zoo); omit to keep the animal out of any zoo. */
  zooId?: InputMaybe<Scalars['ID']['input']>;
};

/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Creates an animal owned by the caller. A zooId that is not a zoo gives BAD_USER_INPUT; one the caller does not own, FORBIDDEN. */
  createAnimal: Animal;
  /** Deletes an animal; returns true once it is gone. The owner or an admin; anyone else gets FORBIDDEN. */
  deleteAnimal: Scalars['Boolean']['output'];
  /**
   * Removes an animal's uploaded photo (its files are deleted) and returns the animal. The owner or an admin;
   * anyone else gets FORBIDDEN.
   */
  deleteAnimalPhoto: Animal;
  /** Moves an animal into a zoo the owner owns (admins: any zoo); zooId null takes it out of its zoo. The owner or an admin; anyone else gets FORBIDDEN. */
  moveAnimal: Animal;
  /**
   * Prepares an upload of a photo of an animal: returns a signed URL to `PUT` the bytes to, valid once and for 10
   * minutes. The owner or an admin; anyone else gets FORBIDDEN, an anonymous caller UNAUTHENTICATED.
   */
  requestAnimalPhotoUpload: PhotoUpload;
  /** Updates an animal and returns it. The owner or an admin; anyone else gets FORBIDDEN. */
  updateAnimal: Animal;
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationCreateAnimalArgs = {
  input: CreateAnimalInput;
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationDeleteAnimalArgs = {
  id: Scalars['ID']['input'];
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationDeleteAnimalPhotoArgs = {
  animalId: Scalars['ID']['input'];
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationMoveAnimalArgs = {
  id: Scalars['ID']['input'];
  zooId?: InputMaybe<Scalars['ID']['input']>;
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationRequestAnimalPhotoUploadArgs = {
  input: RequestAnimalPhotoUploadInput;
};


/** The write operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type MutationUpdateAnimalArgs = {
  id: Scalars['ID']['input'];
  input: UpdateAnimalInput;
};

/** Where a page of a list stands. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the page's last item, to pass as `after` for the next page; null when the page is empty. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether more items follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
};

/**
 * An uploaded photo of an animal, as the service stored it: re-encoded in the format its bytes really are (JPEG,
 * PNG or WebP), orientation applied, EXIF and GPS data stripped. Its URLs never change (a new photo gets new ones)
 * and are served with immutable cache headers.
 */
export type Photo = {
  __typename?: 'Photo';
  /** The photo's media type: image/jpeg, image/png or image/webp (what its bytes are, whatever the upload declared). */
  contentType: Scalars['String']['output'];
  /** The photo's height in pixels, after its orientation was applied. */
  height: Scalars['Int']['output'];
  /** Where a copy at most 256 pixels on its longest side is served, in the same format. */
  thumbnailUrl: Scalars['String']['output'];
  /** Where the photo is served. */
  url: Scalars['String']['output'];
  /** The photo's width in pixels, after its orientation was applied. */
  width: Scalars['Int']['output'];
};

/**
 * Where and how to send one photo's bytes: `PUT` them to `uploadUrl` with every header of `headers`, before
 * `expiresAt`. The URL is single use and bound to one animal, content type and largest size.
 */
export type PhotoUpload = {
  __typename?: 'PhotoUpload';
  /** When the URL stops working: 10 minutes after it was requested. */
  expiresAt: Scalars['DateTime']['output'];
  /** The headers the `PUT` must carry, exactly (the content type it is bound to). */
  headers: Array<UploadHeader>;
  /**
   * The URL to `PUT` the bytes to (the animal service itself, never the gateway). It answers 201 with the stored
   * photo as JSON, or 4xx with `{ errors: [{ message, extensions: { code, reason } }] }` and stores nothing.
   */
  uploadUrl: Scalars['String']['output'];
};

/** The read operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type Query = {
  __typename?: 'Query';
  /** The animal with this id, or null when there is none. */
  animal?: Maybe<Animal>;
  /** Animals, oldest first (ordered by when each animal was created, then by id). */
  animals: AnimalConnection;
};


/** The read operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type QueryAnimalArgs = {
  id: Scalars['ID']['input'];
};


/** The read operations. Each subgraph adds its own fields; clients see them all through the gateway. */
export type QueryAnimalsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AnimalFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A photo upload to prepare. Invalid values give BAD_USER_INPUT. */
export type RequestAnimalPhotoUploadInput = {
  /** The animal the photo is of; the caller must own it (or be an admin). */
  animalId: Scalars['ID']['input'];
  /** The size of the file to upload, in bytes: 1 to 5242880 (5 MB). The upload URL accepts no more than this. */
  byteSize: Scalars['Int']['input'];
  /**
   * The media type the upload will declare: image/jpeg, image/png or image/webp. The stored photo's type is what
   * the bytes turn out to be.
   */
  contentType: Scalars['String']['input'];
};

/** Live updates, pushed as they happen (through the gateway: WebSocket or server-sent events). */
export type Subscription = {
  __typename?: 'Subscription';
  /** Each animal that arrives in the zoo: created in it or moved into it. Open to anonymous callers. */
  animalAdded: Animal;
};


/** Live updates, pushed as they happen (through the gateway: WebSocket or server-sent events). */
export type SubscriptionAnimalAddedArgs = {
  zooId: Scalars['ID']['input'];
};

/** Changes to an animal; omitted fields stay as they are. Invalid values give BAD_USER_INPUT. */
export type UpdateAnimalInput = {
  /** null clears it. */
  birthDate?: InputMaybe<Scalars['Date']['input']>;
  /** 1 to 100 characters (trimmed); null or omitted leaves it unchanged. */
  name?: InputMaybe<Scalars['String']['input']>;
  /**
   * An https URL, shown by the deprecated Animal.photoUrl while no photo is uploaded; null clears it.
   * @deprecated Upload a photo with requestAnimalPhotoUpload.
   */
  photoUrl?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 100 characters (trimmed); null or omitted leaves it unchanged. */
  species?: InputMaybe<Scalars['String']['input']>;
};

/** One HTTP header an upload must carry. */
export type UploadHeader = {
  __typename?: 'UploadHeader';
  /** The header's name, e.g. content-type. */
  name: Scalars['String']['output'];
  /** The header's value. */
  value: Scalars['String']['output'];
};

/** A person with an account. Other subgraphs extend User with what they own. */
export type User = {
  __typename?: 'User';
  /** The user's animals, oldest first (ordered by when each animal was created, then by id). */
  animals: AnimalConnection;
  /** The user's id (a UUID). */
  id: Scalars['ID']['output'];
};


/** A person with an account. Other subgraphs extend User with what they own. */
export type UserAnimalsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A zoo, owned by one user, holding animals (see the animal subgraph). */
export type Zoo = {
  __typename?: 'Zoo';
  /** The number of animals in the zoo. */
  animalCount: Scalars['Int']['output'];
  /** The zoo's animals, longest-resident first (ordered by when each animal was created, then by id). */
  animals: AnimalConnection;
  /** The zoo's id (a UUID). */
  id: Scalars['ID']['output'];
};


/** A zoo, owned by one user, holding animals (see the animal subgraph). */
export type ZooAnimalsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ZooAnimalsFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Filters a zoo's animals. */
export type ZooAnimalsFilter = {
  /** Exact species, ignoring case. */
  species?: InputMaybe<Scalars['String']['input']>;
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
  Animal: Animal;
  User: User;
  Zoo: Zoo;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Animal:
    ( { __typename: 'Animal' }
    & GraphQLRecursivePick<FederationTypes['Animal'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
  Zoo:
    ( { __typename: 'Zoo' }
    & GraphQLRecursivePick<FederationTypes['Zoo'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Animal: ResolverTypeWrapper<AnimalRow>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AnimalConnection: ResolverTypeWrapper<Connection>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AnimalEdge: ResolverTypeWrapper<Omit<AnimalEdge, 'node'> & { node: ResolversTypes['Animal'] }>;
  AnimalFilter: AnimalFilter;
  CreateAnimalInput: CreateAnimalInput;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Photo: ResolverTypeWrapper<Photo>;
  PhotoUpload: ResolverTypeWrapper<PhotoUpload>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RequestAnimalPhotoUploadInput: RequestAnimalPhotoUploadInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  UpdateAnimalInput: UpdateAnimalInput;
  UploadHeader: ResolverTypeWrapper<UploadHeader>;
  User: ResolverTypeWrapper<UserReference>;
  Zoo: ResolverTypeWrapper<ZooReference>;
  ZooAnimalsFilter: ZooAnimalsFilter;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Animal: AnimalRow;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  AnimalConnection: Connection;
  Int: Scalars['Int']['output'];
  AnimalEdge: Omit<AnimalEdge, 'node'> & { node: ResolversParentTypes['Animal'] };
  AnimalFilter: AnimalFilter;
  CreateAnimalInput: CreateAnimalInput;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Mutation: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
  PageInfo: PageInfo;
  Photo: Photo;
  PhotoUpload: PhotoUpload;
  Query: Record<PropertyKey, never>;
  RequestAnimalPhotoUploadInput: RequestAnimalPhotoUploadInput;
  Subscription: Record<PropertyKey, never>;
  UpdateAnimalInput: UpdateAnimalInput;
  UploadHeader: UploadHeader;
  User: UserReference;
  Zoo: ZooReference;
  ZooAnimalsFilter: ZooAnimalsFilter;
};

export type AnimalResolvers<ContextType = AnimalContext, ParentType extends ResolversParentTypes['Animal'] = ResolversParentTypes['Animal'], FederationReferenceType extends FederationReferenceTypes['Animal'] = FederationReferenceTypes['Animal']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Animal']> | FederationReferenceType, FederationReferenceType, ContextType>;
  birthDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  photo?: Resolver<Maybe<ResolversTypes['Photo']>, ParentType, ContextType>;
  photoUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  species?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  zoo?: Resolver<Maybe<ResolversTypes['Zoo']>, ParentType, ContextType>;
};

export type AnimalConnectionResolvers<ContextType = AnimalContext, ParentType extends ResolversParentTypes['AnimalConnection'] = ResolversParentTypes['AnimalConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AnimalEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AnimalEdgeResolvers<ContextType = AnimalContext, ParentType extends ResolversParentTypes['AnimalEdge'] = ResolversParentTypes['AnimalEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Animal'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MutationResolvers<ContextType = AnimalContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  createAnimal?: Resolver<ResolversTypes['Animal'], ParentType, ContextType, RequireFields<MutationCreateAnimalArgs, 'input'>>;
  deleteAnimal?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteAnimalArgs, 'id'>>;
  deleteAnimalPhoto?: Resolver<ResolversTypes['Animal'], ParentType, ContextType, RequireFields<MutationDeleteAnimalPhotoArgs, 'animalId'>>;
  moveAnimal?: Resolver<ResolversTypes['Animal'], ParentType, ContextType, RequireFields<MutationMoveAnimalArgs, 'id'>>;
  requestAnimalPhotoUpload?: Resolver<ResolversTypes['PhotoUpload'], ParentType, ContextType, RequireFields<MutationRequestAnimalPhotoUploadArgs, 'input'>>;
  updateAnimal?: Resolver<ResolversTypes['Animal'], ParentType, ContextType, RequireFields<MutationUpdateAnimalArgs, 'id' | 'input'>>;
};

export type PageInfoResolvers<ContextType = AnimalContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PhotoResolvers<ContextType = AnimalContext, ParentType extends ResolversParentTypes['Photo'] = ResolversParentTypes['Photo']> = {
  contentType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  height?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  thumbnailUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  width?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PhotoUploadResolvers<ContextType = AnimalContext, ParentType extends ResolversParentTypes['PhotoUpload'] = ResolversParentTypes['PhotoUpload']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  headers?: Resolver<Array<ResolversTypes['UploadHeader']>, ParentType, ContextType>;
  uploadUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = AnimalContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  animal?: Resolver<Maybe<ResolversTypes['Animal']>, ParentType, ContextType, RequireFields<QueryAnimalArgs, 'id'>>;
  animals?: Resolver<ResolversTypes['AnimalConnection'], ParentType, ContextType, RequireFields<QueryAnimalsArgs, 'first'>>;
};

export type SubscriptionResolvers<ContextType = AnimalContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  animalAdded?: SubscriptionResolver<ResolversTypes['Animal'], "animalAdded", ParentType, ContextType, RequireFields<SubscriptionAnimalAddedArgs, 'zooId'>>;
};

export type UploadHeaderResolvers<ContextType = AnimalContext, ParentType extends ResolversParentTypes['UploadHeader'] = ResolversParentTypes['UploadHeader']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type UserResolvers<ContextType = AnimalContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  animals?: Resolver<ResolversTypes['AnimalConnection'], ParentType, ContextType, RequireFields<UserAnimalsArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type ZooResolvers<ContextType = AnimalContext, ParentType extends ResolversParentTypes['Zoo'] = ResolversParentTypes['Zoo'], FederationReferenceType extends FederationReferenceTypes['Zoo'] = FederationReferenceTypes['Zoo']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Zoo']> | FederationReferenceType, FederationReferenceType, ContextType>;
  animalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  animals?: Resolver<ResolversTypes['AnimalConnection'], ParentType, ContextType, RequireFields<ZooAnimalsArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type Resolvers<ContextType = AnimalContext> = {
  Animal?: AnimalResolvers<ContextType>;
  AnimalConnection?: AnimalConnectionResolvers<ContextType>;
  AnimalEdge?: AnimalEdgeResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Photo?: PhotoResolvers<ContextType>;
  PhotoUpload?: PhotoUploadResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  UploadHeader?: UploadHeaderResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  Zoo?: ZooResolvers<ContextType>;
};

