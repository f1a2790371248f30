// The gateway: Apollo Gateway inside Apollo Server over express. It verifies client JWTs, rate-limits
// callers, refuses oversized or overly expensive operations before any subgraph is called, forwards signed
// claims to subgraphs within a timeout, masks what clients must not see, and reports health and readiness
// (the public port says only ready or not; the operations port, METRICS_PORT, has the details and the
// metrics). Subscriptions, which Apollo Gateway cannot run, are served beside it (subscriptions/) over
// WebSocket and server-sent events, through the same features.
import { ApolloGateway, type ServiceMap } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { publicJwks, type AccessTokenVerifier, type ServiceKeys, type Viewer } from '@supergraph/auth';
import { BadRequest, createErrorFormatter, ErrorCode, httpErrorResponse } from '@supergraph/errors';
import {
  createMetrics,
  operationSpanPlugin,
  requestIdFrom,
  serverSpans,
  traceContextFromHeaders,
} from '@supergraph/observability';
import { createHttpHost, type Logger } from '@supergraph/runtime';
import { createAuthorityFeed } from './authority-feed';
import { ClaimsForwardingDataSource } from './claims-data-source';
import { clientAddressDeriver, type TrustProxy } from './client-address';
import { viewerFromHeaders, type GatewayContext } from './context';
import { bodyParsing } from './features/body-parsing';
import { cors } from './features/cors';
import { credentialMutations } from './features/credential-mutations';
import { customScalars } from './features/custom-scalars';
import { explorer } from './features/explorer';
import type { ApolloConfig, GatewayFeature } from './features/feature';
import { internalHeaderStripping } from './features/internal-header';
import { masking } from './features/masking';
import { DEFAULT_LIMITS, operationLimits, type OperationLimits } from './features/operation-limits';
import { persistedQueries, type PersistedQueriesMode, type PersistedQueryManifest } from './features/persisted-queries';
import { rateLimit, type RequestRateLimiter } from './features/rate-limit';
import { subscriptionOverHttp, subscriptionsOverHttpRefused } from './features/subscriptions-over-http';
import { createSubgraphHttp } from './subgraph-http';
import { createSubscriptionServer } from './subscriptions/subscription-server';
import { DEFAULT_SUBSCRIPTION_LIMITS, type SubscriptionLimits } from './subscriptions/subscription-service';
import { supergraphFromFile } from './supergraph-source';

export interface GatewayOptions {
  /** A fixed supergraph, or a file served with hot reload (see supergraph-source.ts). */
  supergraph: { sdl: string } | { file: string };
  /** Routing URL overrides by subgraph name (e.g. container host names). */
  subgraphUrls?: Record<string, string>;
  verifier: AccessTokenVerifier;
  /** The gateway's claims-signing keys; their public halves are served at GET /.well-known/jwks.json. */
  keys: ServiceKeys;
  logger: Logger;
  production: boolean;
  /** Largest accepted request body (default 100 KB; larger is HTTP 413). */
  bodyLimit?: string;
  limits?: Partial<OperationLimits>;
  /** Subgraph fetch deadline (default 5 s), and per-subgraph overrides. */
  subgraphTimeoutMs?: number;
  subgraphTimeouts?: Record<string, number>;
  /** Identical subgraph fetches of queries in flight at once share one request (claims-data-source.ts); default on. */
  deduplicateRequests?: boolean;
  /** Per-caller request budget; none means unlimited (tests). */
  rateLimiter?: RequestRateLimiter;
  /** Which peers' X-Forwarded-For is believed for the client address (client-address.ts); default: none. */
  trustProxy?: TrustProxy;
  persistedQueries?: { mode: PersistedQueriesMode; manifest?: PersistedQueryManifest };
  /** Browser origins allowed to call the gateway (CORS); none by default. */
  corsOrigins?: string[];
  /** Operations slower than this are logged with their name and duration (default 1 s). */
  slowOperationMs?: number;
  /** How the gateway follows role changes and deletions (authority-feed.ts); `usersUrl` defaults to the supergraph's. */
  authority?: { intervalMs?: number; staleAfterMs?: number; usersUrl?: string };
  /** How long one readiness probe (each subgraph's /health, the authority feed) serves GET /ready (default 2 s). */
  readinessCacheMs?: number;
  /** Caps and timings of subscriptions (DEFAULT_SUBSCRIPTION_LIMITS), and the largest WebSocket message (100 KB). */
  subscriptions?: Partial<SubscriptionLimits> & { maxMessageBytes?: number };
  /**
   * Spans for each request and subgraph fetch (the process started tracing: @supergraph/observability
   * startTracing). Off (the default), requests do no span work at all.
   */
  tracing?: boolean;
}

export interface GatewayServer {
  /**
   * Listens on host:port for clients, and on host:metricsPort for operations (GET /metrics, the detailed GET
   * /ready); 0 (the default for metricsPort) is a free port.
   */
  listen(port: number, host?: string, metricsPort?: number): Promise<{ url: string; port: number; metricsUrl: string }>;
  stop(): Promise<void>;
  /** Re-reads the supergraph file now (as SIGHUP does); true when a new supergraph is served. */
  reloadSupergraph(): boolean;
  /** Reads the users service's authority feed now rather than at the next poll. */
  refreshAuthority(): Promise<void>;
}

/** Subgraph names and routing URLs of a supergraph, for readiness checks. */
function subgraphsOf(supergraphSdl: string): { name: string; url: string }[] {
  return [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)].map((match) => ({
    name: match[1]!,
    url: match[2]!,
  }));
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

export function createGatewayServer(options: GatewayOptions): GatewayServer {
  const { logger, production } = options;
  const overrides = options.subgraphUrls ?? {};
  const metrics = createMetrics('gateway');
  const clientAddress = clientAddressDeriver(options.trustProxy);
  options.rateLimiter?.registerMetrics?.(metrics.registry);
  let routes = new Map<string, string>();
  const served = (sdl: string) => {
    routes = new Map(subgraphsOf(sdl).map(({ name, url }) => [name, overrides[name] ?? url]));
  };
  const source = 'file' in options.supergraph ? supergraphFromFile(options.supergraph.file, logger, served) : undefined;
  if ('sdl' in options.supergraph) served(options.supergraph.sdl);
  // The data sources the gateway builds, by subgraph name: subscription events use them too.
  const dataSources: ServiceMap = {};
  const subgraphHttp = createSubgraphHttp();
  // Unless told otherwise, @apollo/gateway probes cloud metadata addresses when constructed and reports usage
  // to Apollo's servers every hour; it reads only this variable. Nothing leaves the machine unasked: a deployment
  // that wants Apollo's data collection sets APOLLO_TELEMETRY_DISABLED=false.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: source ?? (options.supergraph as { sdl: string }).sdl,
    buildService: ({ name, url }) =>
      (dataSources[name] = new ClaimsForwardingDataSource(name, overrides[name] ?? url!, {
        keys: options.keys,
        http: subgraphHttp,
        timeoutMs: options.subgraphTimeouts?.[name] ?? options.subgraphTimeoutMs ?? 5_000,
        deduplicate: options.deduplicateRequests ?? true,
        tracing: options.tracing ?? false,
        onFetch: (subgraph, seconds, outcome) => metrics.observeSubgraphFetch(subgraph, seconds, outcome),
        onDeduplicated: (subgraph) => metrics.observeDeduplicatedFetch(subgraph),
      })),
  });
  const authority = createAuthorityFeed({
    usersUrl: () => options.authority?.usersUrl ?? routes.get('users'),
    keys: options.keys,
    logger,
    ...(options.authority?.intervalMs !== undefined && { intervalMs: options.authority.intervalMs }),
    ...(options.authority?.staleAfterMs !== undefined && { staleAfterMs: options.authority.staleAfterMs }),
  });

  // The gateway's features, one module each in features/. Their HTTP middleware, raw-text checks and context
  // hooks run in this order.
  const features: GatewayFeature[] = [
    cors(options.corsOrigins ?? []),
    explorer({ production, logger }),
    internalHeaderStripping(),
    bodyParsing(options.bodyLimit ?? '100kb'),
    subscriptionsOverHttpRefused(),
    operationLimits({ ...DEFAULT_LIMITS, ...options.limits }, production),
    credentialMutations(),
    customScalars(),
    persistedQueries(options.persistedQueries?.mode ?? 'apq', options.persistedQueries?.manifest),
    rateLimit(options.rateLimiter),
    masking(logger, production),
  ];

  let loaded = false;
  // Probed at most once per cache period however often /ready is called (see @supergraph/runtime's host); the
  // subgraphs' addresses appear only on the operations port.
  const host = createHttpHost({
    metrics,
    readiness: async () => {
      const subgraphs = await Promise.all(
        [...routes].map(async ([name, url]) => ({ name, url, up: await answers(url) })),
      );
      const authorityFeed = authority.isFresh() ? 'fresh' : 'stale';
      const ready = loaded && subgraphs.every((subgraph) => subgraph.up) && authorityFeed === 'fresh';
      return { ready, details: { supergraphLoaded: loaded, subgraphs, authorityFeed } };
    },
    ...(options.readinessCacheMs !== undefined && { readinessCacheMs: options.readinessCacheMs }),
  });
  const { app, httpServer } = host;
  const apolloConfig = features.reduce<ApolloConfig>((config, feature) => ({ ...config, ...feature.apolloConfig }), {});
  // The features' checks of a validated operation, once its variables are known.
  const operationChecks: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operation, operationName }) {
          // An operationName that names no operation of the document (or none, for a document of several):
          // Apollo Gateway would throw inside its executor, a 500. It is the client's mistake: 400.
          if (!operation)
            throw new BadRequest(
              request.operationName
                ? `Unknown operation named "${request.operationName}".`
                : 'Must provide operation name if query contains multiple operations.',
            );
          // Variables that do not fit their declared types, refused as Apollo Server would at execution, but
          // before the features' checks (the cost limit reads them): a client's mistake, never an internal error.
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (coerced.errors?.length) {
            const [first] = coerced.errors;
            const variable = /^Variable "\$([^"]+)"/.exec(first!.message)?.[1] ?? 'variables';
            throw new GraphQLError(first!.message, {
              extensions: { code: ErrorCode.BAD_USER_INPUT, field: variable, http: { status: 400 } },
            });
          }
          for (const feature of features) {
            const error = feature.checkOperation?.({
              schema,
              document,
              variables: request.variables ?? {},
              ...(operationName && { operationName }),
            });
            if (error) throw error;
          }
        },
      };
    },
  };
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // main.ts owns signal handling (stopOnSignals), so stopping happens once and in order.
    stopOnTerminationSignals: false,
    ...apolloConfig,
    validationRules: features.flatMap((feature) => feature.validationRules ?? []),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      metrics.operationPlugin({ logger, slowOperationMs: options.slowOperationMs ?? 1_000 }),
      ...features.flatMap((feature) => feature.plugins ?? []),
      operationChecks,
      ...(options.tracing ? [operationSpanPlugin<GatewayContext>()] : []),
    ],
  });

  const { maxMessageBytes = 100 * 1024, ...subscriptionLimits } = options.subscriptions ?? {};
  const subscriptions = createSubscriptionServer({
    gateway,
    dataSources: () => dataSources,
    subgraphUrl: (name) => routes.get(name),
    features,
    formatError: apolloConfig.formatError ?? createErrorFormatter(logger, production),
    verifier: options.verifier,
    authority,
    keys: options.keys,
    logger,
    production,
    limits: { ...DEFAULT_SUBSCRIPTION_LIMITS, ...subscriptionLimits },
    maxMessageBytes,
    clientAddress,
    registry: metrics.registry,
  });
  // Mounted before Apollo Server's /graphql, which would otherwise take /graphql/stream too.
  app.use('/graphql/stream', ...features.flatMap((feature) => feature.http ?? []), subscriptions.serverSentEvents);

  // Subgraphs verify the claims the gateway signs against these keys.
  const jwks = publicJwks(options.keys.published);
  app.get('/.well-known/jwks.json', (_req, res) => {
    res.set('cache-control', 'public, max-age=60').json(jwks);
  });

  // The features' checks on the raw text, before Apollo Server parses it; the first refusal answers.
  const refusalOf = (query: string) => {
    for (const feature of features) {
      const error = feature.checkSource?.(query);
      if (error) return error;
    }
    return undefined;
  };
  const checkSource: RequestHandler = (req, res, next) => {
    // GET carries the operation in the URL (Apollo Server allows GET for queries).
    const query = req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
    const error = typeof query === 'string' ? (refusalOf(query) ?? subscriptionOverHttp(query)) : undefined;
    if (!error) return next();
    const { status, body } = httpErrorResponse(error);
    res.status(status).json(body);
  };

  let started: Promise<void> | undefined;
  let stopped: Promise<void> | undefined;
  return {
    async listen(port, hostname = '127.0.0.1', metricsPort = 0) {
      started ??= apollo.start().then(() => {
        loaded = true;
        app.use(
          '/graphql',
          // First, so that the request's span covers (and is the parent of) everything it runs.
          ...(options.tracing ? [serverSpans('/graphql')] : []),
          ...features.flatMap((feature) => feature.http ?? []),
          checkSource,
          expressMiddleware(apollo, {
            context: async ({ req }) => {
              const address = clientAddress(req);
              let viewer: Viewer | null = null;
              let refusal: unknown;
              try {
                viewer = await viewerFromHeaders(req.headers, options.verifier, authority);
              } catch (error) {
                refusal = error;
              }
              // A refused token still passes the features (as no viewer) before the refusal, so its request
              // spends the address's rate budget: guessing tokens is rate-limited too.
              for (const feature of features) await feature.context?.({ address, viewer });
              if (refusal) throw refusal;
              const trace = traceContextFromHeaders(req.headers);
              return {
                viewer,
                clientAddress: address,
                requestId: requestIdFrom(req.headers),
                traceparent: trace.traceparent,
                traceId: trace.traceId,
              };
            },
          }),
        );
      });
      await started;
      subscriptions.listen(httpServer, '/graphql');
      const bound = await host.listen(port, hostname, metricsPort);
      const url = `http://${hostname}:${bound.port}/graphql`;
      const metricsUrl = `http://${hostname}:${bound.metricsPort}/metrics`;
      authority.start();
      logger.info({ url, metricsUrl, subgraphs: [...routes.values()] }, 'gateway listening');
      return { url, port: bound.port, metricsUrl };
    },
    reloadSupergraph: () => source?.reload() ?? false,
    refreshAuthority: () => authority.refresh(),
    stop() {
      stopped ??= (async () => {
        authority.stop();
        // Subscriptions first: their sockets would otherwise hold the HTTP server's drain open.
        await subscriptions.stop();
        if (httpServer.listening) await apollo.stop();
        await host.closeOperations();
        await subgraphHttp.close();
        logger.info('gateway stopped');
      })();
      return stopped;
    },
  };
}
