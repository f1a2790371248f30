// One federated subscription: subscribes to the subgraph that owns the root field (the plan's primary fetch,
// with claims signed for that subgraph and that operation, as every subgraph fetch of the gateway), and
// completes each event through the rest of the plan — entity fields owned by other subgraphs — with the
// gateway's own plan execution.
//
// The trick: each event runs executeQueryPlan over `Sequence[primary, rest]`, where the primary's subgraph is
// served, for that one fetch, by the event itself; every other fetch goes to the real (claims-forwarding)
// data sources, exactly as a query's would.
import { createHash } from 'node:crypto';
import {
  executeQueryPlan,
  type GraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
  type ServiceMap,
} from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import type {
  GatewayExecutionResult,
  GatewayGraphQLRequestContext,
  GatewayGraphQLResponse,
  GatewaySchemaHash,
} from '@apollo/server-gateway-interface';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { GraphQLError, type DocumentNode, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import { CLAIMS_HEADER, requestDigest, signForwardedClaims, type ServiceKeys } from '@supergraph/auth';
import { ServiceUnavailable } from '@supergraph/errors';
import { REQUEST_ID_HEADER } from '@supergraph/observability';
import type { Logger } from '@supergraph/runtime';
import type { GatewayContext } from '../context';
import type { SubgraphSubscriptions } from './subgraph-subscriptions';
import type { SubscriptionPlan } from './subscription-planner';

export interface CheckedRequest {
  query: string;
  document: DocumentNode;
  operationName?: string;
  variables: Record<string, unknown>;
}

export interface FederatedSubscriptionOptions {
  plan: SubscriptionPlan;
  request: CheckedRequest;
  context: GatewayContext;
  /** The gateway's data sources by subgraph name, and each subgraph's GraphQL URL. */
  dataSources: () => ServiceMap;
  subgraphUrl: (name: string) => string | undefined;
  upstream: SubgraphSubscriptions;
  keys: ServiceKeys;
  logger: Logger;
}

/** Where the subscription's results go, in order (each perhaps still resolving); `end` after the last. */
export interface ResultSink {
  event(result: Promise<GatewayExecutionResult>): void;
  end(): void;
}

/** Serves the primary fetch of one event from the event itself; any later fetch to that subgraph goes to `next`. */
class EventDataSource implements GraphQLDataSource<GatewayContext> {
  private served = false;
  constructor(
    private readonly event: GatewayGraphQLResponse,
    private readonly primaryOperation: string,
    private readonly next: GraphQLDataSource<GatewayContext> | undefined,
  ) {}

  process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    if (!this.served && options.request.query === this.primaryOperation) {
      this.served = true;
      return Promise.resolve(this.event);
    }
    if (!this.next) return Promise.reject(new Error('No data source for this subgraph'));
    return this.next.process(options);
  }
}

/** The variables the primary fetch uses, as executeQueryPlan would send them. */
function primaryVariables(usages: string[] | undefined, variables: Record<string, unknown>): Record<string, unknown> {
  const used: Record<string, unknown> = {};
  for (const name of usages ?? []) {
    if (Object.hasOwn(variables, name) && variables[name] !== undefined) used[name] = variables[name];
  }
  return used;
}

const subgraphError = (error: GraphQLFormattedError) =>
  new GraphQLError(error.message, { ...(error.extensions && { extensions: error.extensions }) });

const sourceWentAway = () =>
  new ServiceUnavailable('The source of this subscription went away; subscribe again to resume');

/** Starts the subscription; returns what stops it (the subgraph subscription is ended at once). */
export function startFederatedSubscription(options: FederatedSubscriptionOptions, sink: ResultSink): () => void {
  const { plan, request, context } = options;
  const { primary, rest, supergraph, operationContext } = plan;
  const queryPlan: QueryPlan = {
    kind: 'QueryPlan',
    node: rest ? { kind: 'Sequence', nodes: [primary, rest] } : primary,
  };
  const requestContext: Omit<GatewayGraphQLRequestContext<GatewayContext>, 'metrics'> = {
    request: {
      query: request.query,
      variables: request.variables,
      ...(request.operationName && { operationName: request.operationName }),
    },
    logger: options.logger,
    schema: supergraph.apiSchema,
    schemaHash: '' as GatewaySchemaHash,
    context,
    cache: new InMemoryLRUCache(),
    queryHash: createHash('sha256').update(request.query).digest('hex'),
    document: request.document,
    source: request.query,
    operationName: request.operationName ?? null,
    operation: operationContext.operation,
    overallCachePolicy: undefined,
  };

  const resolveEvent = async (event: FormattedExecutionResult): Promise<GatewayExecutionResult> => {
    const dataSources = options.dataSources();
    const serviceMap: ServiceMap = {
      ...dataSources,
      [primary.serviceName]: new EventDataSource(
        { data: event.data ?? null, ...(event.errors && { errors: event.errors }) },
        primary.operation,
        dataSources[primary.serviceName],
      ),
    };
    try {
      return await executeQueryPlan(
        queryPlan,
        serviceMap,
        // Fresh metrics for each event: plan execution records its error paths there.
        { ...requestContext, metrics: {} },
        operationContext,
        supergraph.supergraphSchema,
        supergraph.api,
      );
    } catch (error) {
      return {
        errors: [
          error instanceof GraphQLError
            ? error
            : new GraphQLError('Event could not be resolved', { originalError: error as Error }),
        ],
      };
    }
  };

  const url = options.subgraphUrl(primary.serviceName);
  if (!url) {
    sink.event(Promise.resolve({ errors: [sourceWentAway()] }));
    sink.end();
    return () => {};
  }
  const variables = primaryVariables(primary.variableUsages, request.variables);
  const claims = signForwardedClaims(options.keys, {
    audience: primary.serviceName,
    viewer: context.viewer,
    clientAddress: context.clientAddress,
    digest: requestDigest(primary.operation, variables),
  });
  let stopped = false;
  const unsubscribe = options.upstream.subscribe(
    url,
    {
      query: primary.operation,
      ...(primary.operationName && { operationName: primary.operationName }),
      variables,
      // What a POST carries in headers: the claims, the request id and the trace context.
      extensions: {
        [CLAIMS_HEADER]: claims,
        [REQUEST_ID_HEADER]: context.requestId,
        ...(context.traceparent && { traceparent: context.traceparent }),
      },
    },
    {
      next(event) {
        if (!stopped) sink.event(resolveEvent(event));
      },
      error(reason) {
        if (stopped) return;
        stopped = true;
        if (reason === 'closed') sink.event(Promise.resolve({ errors: [sourceWentAway()] }));
        // The subgraph refused the subscription or ended it with errors: its errors, as it wrote them (the
        // gateway's masking still decides what the client sees).
        else sink.event(Promise.resolve({ errors: reason.errors.map(subgraphError) }));
        sink.end();
      },
      complete() {
        if (stopped) return;
        stopped = true;
        sink.end();
      },
    },
  );
  return () => {
    stopped = true;
    unsubscribe();
  };
}
