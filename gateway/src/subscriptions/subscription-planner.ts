// Plans subscriptions against the supergraph the gateway serves now. @apollo/gateway plans every operation but
// cannot execute a subscription, so the gateway keeps a planner of its own, rebuilt from each supergraph the
// ApolloGateway loads (its public onSchemaLoadOrUpdate hook), with plans cached per operation text.
import { Supergraph, operationFromDocument, type Schema } from '@apollo/federation-internals';
import { buildOperationContext } from '@apollo/gateway';
import { QueryPlanner, type FetchNode, type PlanNode } from '@apollo/query-planner';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import type { DocumentNode, GraphQLSchema } from 'graphql';

/** What executeQueryPlan needs to know of the client's operation. */
export type OperationContext = ReturnType<typeof buildOperationContext>;

/** One loaded supergraph, as subscriptions need it. */
export interface ServedSupergraph {
  /** What clients see (and are validated against). */
  apiSchema: GraphQLSchema;
  /** The composed schema with its join directives, for executing plans. */
  supergraphSchema: GraphQLSchema;
  /** The API schema as the query planner reads it. */
  api: Schema;
  planner: QueryPlanner;
}

/** A subscription's plan: the fetch that subscribes to the owning subgraph, and what runs for each event. */
export interface SubscriptionPlan {
  supergraph: ServedSupergraph;
  operationContext: OperationContext;
  primary: FetchNode;
  rest?: PlanNode;
}

export interface SubscriptionPlanner {
  /** The supergraph served now; undefined until the gateway has loaded one. */
  current(): ServedSupergraph | undefined;
  /** Plans a validated subscription operation; `key` identifies its text and operation name for the cache. */
  plan(
    supergraph: ServedSupergraph,
    document: DocumentNode,
    operationName: string | undefined,
    key: string,
  ): SubscriptionPlan;
  stop(): void;
}

const MAX_CACHED_PLANS = 1_000;

export function createSubscriptionPlanner(
  gateway: Pick<GatewayInterface, 'onSchemaLoadOrUpdate'>,
): SubscriptionPlanner {
  let served: { supergraph: ServedSupergraph; plans: Map<string, SubscriptionPlan> } | undefined;
  const unsubscribe = gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    // The gateway has just validated this SDL; building it again here only reads it.
    const supergraph = Supergraph.build(coreSupergraphSdl, { validateSupergraph: false });
    served = {
      supergraph: {
        apiSchema,
        supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
        api: supergraph.apiSchema(),
        planner: new QueryPlanner(supergraph),
      },
      plans: new Map(),
    };
  });

  return {
    current: () => served?.supergraph,
    plan(supergraph, document, operationName, key) {
      const plans = served?.supergraph === supergraph ? served.plans : undefined;
      const cached = plans?.get(key);
      if (cached) return cached;
      const operation = operationFromDocument(supergraph.api, document, {
        ...(operationName !== undefined && { operationName }),
      });
      const { node } = supergraph.planner.buildQueryPlan(operation);
      if (node?.kind !== 'Subscription') throw new Error('Expected a subscription plan');
      const plan: SubscriptionPlan = {
        supergraph,
        operationContext: buildOperationContext({
          schema: supergraph.apiSchema,
          operationDocument: document,
          ...(operationName !== undefined && { operationName }),
        }),
        primary: node.primary,
        ...(node.rest && { rest: node.rest }),
      };
      if (plans) {
        // Oldest first out: a Map iterates in insertion order.
        if (plans.size >= MAX_CACHED_PLANS) plans.delete(plans.keys().next().value!);
        plans.set(key, plan);
      }
      return plan;
    },
    stop: unsubscribe,
  };
}
