// The one shape of a gateway feature (CORS, limits, persisted queries, rate limits, masking, …): each
// contributes only the hooks it needs, and server.ts folds every hook across its list of features, in order.
// Subscriptions run the same checks (checkSource, validationRules, checkOperation, context) on their own path.
import type { ApolloServerOptionsWithGateway, ApolloServerPlugin } from '@apollo/server';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { DocumentNode, GraphQLError, GraphQLSchema, ValidationRule } from 'graphql';
import type { Viewer } from '@supergraph/auth';
import type { GatewayContext } from '../context';

/** Who sent a request, once its Authorization header has been checked. */
export interface Caller {
  /** The client's IP address. */
  address: string;
  /** The verified viewer; null when anonymous, and when the token was refused (the refusal follows the hooks). */
  viewer: Viewer | null;
}

/** A parsed and validated operation, with its variables: what checkOperation looks at. */
export interface ResolvedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  variables: Record<string, unknown>;
  operationName?: string;
}

/** The Apollo Server settings a feature may own (the rest are the server's). */
export type ApolloConfig = Partial<
  Pick<
    ApolloServerOptionsWithGateway<GatewayContext>,
    | 'allowBatchedHttpRequests'
    | 'formatError'
    | 'includeStacktraceInErrorResponses'
    | 'introspection'
    | 'persistedQueries'
  >
>;

export interface GatewayFeature {
  name: string;
  /** Express middleware on /graphql, before Apollo Server, in list order. */
  http?: (RequestHandler | ErrorRequestHandler)[];
  /** The raw query text, before Apollo Server parses it: the error to refuse it with (HTTP 400 unless the
   *  error's `http.status` says otherwise), if any. */
  checkSource?(query: string): GraphQLError | undefined;
  validationRules?: ValidationRule[];
  /** A validated operation, with its variables known: the error to refuse it with, if any. */
  checkOperation?(operation: ResolvedOperation): GraphQLError | undefined;
  plugins?: ApolloServerPlugin<GatewayContext>[];
  /** Apollo Server settings the feature owns. */
  apolloConfig?: ApolloConfig;
  /** Runs as each request's context is built; throwing refuses the request. */
  context?(caller: Caller): Promise<void>;
}
