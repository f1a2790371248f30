// Prometheus metrics of one server (the gateway or a subgraph), served on its GET /metrics: GraphQL requests
// by operation and outcome, their latency, the gateway's subgraph fetches, and database queries and pools.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { getOperationAST } from 'graphql';
import type { Logger } from 'pino';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** How a GraphQL request ended: `rejected` never reached execution (unparsable, invalid, refused by auth). */
export type OperationOutcome = 'success' | 'error' | 'rejected';
export type SubgraphFetchOutcome = 'ok' | 'error' | 'timeout';

/** What observeDbQuery needs from a query log event; Kysely's `LogEvent` is one. */
export interface DbQueryEvent {
  readonly level: 'query' | 'error';
  readonly queryDurationMillis: number;
}

/** What trackPool reads from a connection pool; a `pg.Pool` is one. */
export interface PoolStats {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

export interface OperationPluginOptions {
  logger: Logger;
  /** Operations taking at least this long are logged at `warn` as "slow operation". */
  slowOperationMs: number;
}

export interface Metrics {
  /** This server's own registry (never prom-client's global one), with Node's process metrics in it. */
  registry: Registry;
  /** The Content-Type of render()'s text. */
  contentType: string;
  /** The Prometheus text exposition, for GET /metrics. */
  render(): Promise<string>;
  /** Counts and times every GraphQL request; logs one `info` line per request and a `warn` for slow ones. */
  operationPlugin<TContext extends BaseContext = BaseContext>(
    options: OperationPluginOptions,
  ): ApolloServerPlugin<TContext>;
  observeSubgraphFetch(subgraph: string, seconds: number, outcome: SubgraphFetchOutcome): void;
  /** Counts a gateway fetch answered by an identical request already in flight (no request of its own). */
  observeDeduplicatedFetch(subgraph: string): void;
  /** Counts a request refused before it reached GraphQL (no valid signed claims, a wrong method). */
  observeRefusedRequest(): void;
  /** Feed it Kysely's `log` events (see createDatabase's `onQuery`). */
  observeDbQuery(event: DbQueryEvent): void;
  /** Reports the pool's connections, read at each scrape. */
  trackPool(name: string, pool: PoolStats): void;
}

const PREFIX = 'supergraph_';
const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Operation names are chosen by clients: past this many distinct ones per process, the rest count as `other`. */
const MAX_OPERATION_NAMES = 200;
const DB_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createMetrics(service: string): Metrics {
  const registry = new Registry();
  // prom-client 15 reads these on scrape; it starts no timers (only a native event-loop-delay monitor and a
  // GC observer, neither of which keeps the process alive).
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const requests = new Counter({
    name: `${PREFIX}graphql_requests_total`,
    help: 'GraphQL requests by operation name and outcome (success, error: errors in the response, rejected: never executed).',
    labelNames: ['service', 'operation', 'outcome'] as const,
    registers,
  });
  const requestDuration = new Histogram({
    name: `${PREFIX}graphql_request_duration_seconds`,
    help: 'Time from receiving a GraphQL request to sending its response.',
    labelNames: ['service', 'operation'] as const,
    registers,
  });
  const subgraphFetchDuration = new Histogram({
    name: `${PREFIX}subgraph_fetch_duration_seconds`,
    help: "The gateway's fetches from subgraphs, by subgraph and outcome (ok, error, timeout).",
    labelNames: ['subgraph', 'outcome'] as const,
    registers,
  });
  const deduplicatedFetches = new Counter({
    name: `${PREFIX}subgraph_fetches_deduplicated_total`,
    help: "The gateway's subgraph fetches that shared an identical request in flight instead of sending their own, by subgraph.",
    labelNames: ['subgraph'] as const,
    registers,
  });
  const dbQueryDuration = new Histogram({
    name: `${PREFIX}db_query_duration_seconds`,
    help: 'Database statements, by outcome (ok, error).',
    labelNames: ['service', 'outcome'] as const,
    buckets: DB_BUCKETS,
    registers,
  });
  const pools = new Map<string, PoolStats>();
  new Gauge({
    name: `${PREFIX}db_pool_connections`,
    help: 'Connections of a database pool: total open, idle, and requests waiting for one.',
    labelNames: ['service', 'pool', 'state'] as const,
    registers,
    collect() {
      for (const [pool, stats] of pools) {
        this.set({ service, pool, state: 'total' }, stats.totalCount);
        this.set({ service, pool, state: 'idle' }, stats.idleCount);
        this.set({ service, pool, state: 'waiting' }, stats.waitingCount);
      }
    },
  });

  const operationNames = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    if (!LABEL_NAME.test(name)) return 'invalid';
    if (operationNames.has(name)) return name;
    if (operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    operationNames.add(name);
    return name;
  };

  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    operationPlugin<TContext extends BaseContext>({
      logger,
      slowOperationMs,
    }: OperationPluginOptions): ApolloServerPlugin<TContext> {
      return {
        // A request refused while building its context (bad claims or token) has no operation yet.
        async contextCreationDidFail() {
          requests.inc({ service, operation: 'unknown', outcome: 'rejected' });
        },
        async requestDidStart() {
          const startedAt = performance.now();
          return {
            async willSendResponse({ request, document, operationName, response, contextValue }) {
              const durationMs = Math.round((performance.now() - startedAt) * 1000) / 1000;
              // A document that parsed but failed validation has no resolved operation; it still has a name.
              const named =
                operationName ??
                (document && getOperationAST(document, request.operationName)?.name?.value) ??
                request.operationName;
              const operation = operationLabel(named);
              const result = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
              // Execution always yields a `data` key (null when it failed at the root); parse, validation and
              // variable errors, and plugins refusing the operation, leave it out.
              const outcome: OperationOutcome = !result.errors?.length
                ? 'success'
                : result.data === undefined
                  ? 'rejected'
                  : 'error';
              requests.inc({ service, operation, outcome });
              requestDuration.observe({ service, operation }, durationMs / 1000);
              const ids = requestIds(contextValue);
              logger.info({ operation, outcome, durationMs, ...ids }, 'graphql request');
              if (durationMs >= slowOperationMs) logger.warn({ operation, durationMs, ...ids }, 'slow operation');
            },
          };
        },
      };
    },
    observeRefusedRequest() {
      requests.inc({ service, operation: 'unknown', outcome: 'rejected' });
    },
    observeSubgraphFetch(subgraph, seconds, outcome) {
      subgraphFetchDuration.observe({ subgraph: LABEL_NAME.test(subgraph) ? subgraph : 'invalid', outcome }, seconds);
    },
    observeDeduplicatedFetch(subgraph) {
      deduplicatedFetches.inc({ subgraph: LABEL_NAME.test(subgraph) ? subgraph : 'invalid' });
    },
    observeDbQuery(event) {
      dbQueryDuration.observe(
        { service, outcome: event.level === 'error' ? 'error' : 'ok' },
        event.queryDurationMillis / 1000,
      );
    },
    trackPool(name, pool) {
      pools.set(name, pool);
    },
  };
}

/** The request and trace ids a server put in its context, for log lines written outside its child logger. */
function requestIds(contextValue: unknown): { requestId?: string; traceId?: string } {
  if (typeof contextValue !== 'object' || contextValue === null) return {};
  const { requestId, traceId } = contextValue as { requestId?: unknown; traceId?: unknown };
  return {
    ...(typeof requestId === 'string' && { requestId }),
    ...(typeof traceId === 'string' && { traceId }),
  };
}
