// The common subgraph server: Apollo Server over express that answers only signed callers (the gateway, or
// a service for its declared operations), with the viewer taken from those claims; subscriptions over
// WebSocket on the same /graphql, signed the same way (subscriptions.ts); /health, /ready (cached) and
// optionally a JWKS, with /metrics and the detailed /ready on a port of their own (METRICS_PORT); JSON logs carrying the request and trace ids the gateway sends; and a graceful stop that
// closes the subscriptions' sockets and lets in-flight requests finish.
import { ApolloServer, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type RequestHandler } from 'express';
import { GraphQLError, type DocumentNode } from 'graphql';
import {
  CLAIMS_HEADER,
  SERVICE_KEYS_PATH,
  publicJwks,
  type ClaimsVerifier,
  type VerificationKey,
  type VerifiedClaims,
  type Viewer,
} from '@supergraph/auth';
import { BadRequest, createErrorFormatter, httpErrorResponse, Unauthenticated } from '@supergraph/errors';
import { createMetrics, requestIdFrom, traceContextFromHeaders, type Metrics } from '@supergraph/observability';
import { createHttpHost, type Logger } from '@supergraph/runtime';
import { VERIFIED_CLAIMS, claimsBindTheOperation, gatewayOnlyInternalFields } from './claims-binding';
import { createSubscriptionEndpoint, type SubscriptionLimits } from './subscriptions';

export interface RequestInfo {
  /** The verified caller, or null when anonymous. */
  viewer: Viewer | null;
  /** Who signed the request's claims: `gateway`, or the calling service. */
  claimsIssuer: string;
  requestId: string;
  /** The W3C trace id: the caller's (from `traceparent`) or a new one. */
  traceId: string;
  /** Logs with `requestId` and `traceId` on every line. */
  logger: Logger;
}

export interface SubgraphServerOptions<Context extends BaseContext> {
  /** The subgraph's name: the audience its claims headers must carry. */
  name: string;
  typeDefs: DocumentNode;
  /**
   * The service's resolvers, typed by its generated `Resolvers` (GraphQL Code Generator, federation mode).
   * Apollo's GraphQLResolverMap cannot express `__resolveReference`'s signature, so the one conversion to it
   * happens here, not in each service.
   */
  resolvers: object;
  /** Whom this subgraph believes (see @supergraph/auth claims-trust.ts); a request without claims it accepts is refused. */
  claims: ClaimsVerifier;
  /** This service's own claims-signing keys, published at GET /.well-known/claims-jwks.json (services that call others). */
  publishedKeys?: VerificationKey[];
  /** Builds the per-request context (loaders, db) from the verified request information. */
  createContext(request: RequestInfo): Context | Promise<Context>;
  /** Whether the service can serve: its database answers. */
  isReady(): Promise<boolean>;
  /** How long one isReady() answer serves GET /ready (default 2 s). */
  readinessCacheMs?: number;
  /** Extra HTTP routes, mounted before /graphql (e.g. the users JWKS). */
  routes?(app: Express): void;
  /** Called once before the server first listens: background work requests rely on (the event relay). */
  onStart?(): Promise<void>;
  /** Called once the HTTP server has stopped: close pools here. */
  onStop?(): Promise<void>;
  logger: Logger;
  production: boolean;
  /** Maximum JSON body size. */
  bodyLimit?: string;
  /** Operations taking at least this long are logged as slow (default 1000). */
  slowOperationMs?: number;
  /** Served on the operations port's GET /metrics; pass the service's own to include its database metrics (default: a fresh one). */
  metrics?: Metrics;
  /** Caps of the WebSocket subscription endpoint. */
  subscriptions?: SubscriptionLimits;
}

export interface SubgraphServer {
  /**
   * Starts listening, publicly on host:port and for operations (GET /metrics) on host:metricsPort (0, the
   * default for metricsPort: a free port); resolves with the GraphQL endpoint URL and the metrics URL.
   */
  listen(port: number, host?: string, metricsPort?: number): Promise<{ url: string; port: number; metricsUrl: string }>;
  /**
   * Closes the subscription sockets (1001), stops accepting requests, waits for in-flight ones, then runs
   * onStop. Safe to call twice.
   */
  stop(): Promise<void>;
}

export function createSubgraphServer<Context extends BaseContext>(
  options: SubgraphServerOptions<Context>,
): SubgraphServer {
  const { logger, production } = options;
  const metrics = options.metrics ?? createMetrics(options.name);
  const host = createHttpHost({
    metrics,
    readiness: async () => ({ ready: await options.isReady() }),
    ...(options.readinessCacheMs !== undefined && { readinessCacheMs: options.readinessCacheMs }),
  });
  const { app, httpServer } = host;
  // One schema for both transports: buildSubgraphSchema keeps each Subscription field's `subscribe`.
  const schema = gatewayOnlyInternalFields(
    buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }]),
  );
  const subscriptions = createSubscriptionEndpoint<Context>({
    httpServer,
    path: '/graphql',
    schema,
    claims: options.claims,
    createContext: (request) => options.createContext(request),
    logger,
    production,
    registry: metrics.registry,
    service: options.name,
    ...(options.subscriptions && { limits: options.subscriptions }),
  });
  const apollo = new ApolloServer<Context>({
    schema,
    // The gateway never sends persisted-query hashes to a subgraph; the claims bind the full text.
    persistedQueries: false,
    introspection: !production,
    // main.ts owns signal handling (stopOnSignals), so stopping happens once and in order.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !production,
    formatError: createErrorFormatter(logger, production),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      metrics.operationPlugin({ logger, slowOperationMs: options.slowOperationMs ?? 1000 }),
      // Federated tracing is for Apollo's hosted studio, which this platform does not report to.
      ApolloServerPluginInlineTraceDisabled(),
      claimsBindTheOperation<Context>(),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  // Before the body is even parsed: no valid signed claims, no service. GET (the query in the URL, which
  // claims bound to a POST body would not cover) and every other method are refused outright.
  const onlySignedPosts: RequestHandler = async (req, res, next) => {
    if (req.method !== 'POST') {
      metrics.observeRefusedRequest();
      const refused = httpErrorResponse(new BadRequest('This subgraph accepts only POST', 405));
      res.status(refused.status).set('allow', 'POST').json(refused.body);
      return;
    }
    try {
      res.locals.claims = await options.claims.verify(req.header(CLAIMS_HEADER));
      next();
    } catch (error) {
      metrics.observeRefusedRequest();
      // The verifier throws UNAUTHENTICATED (401) or, when an issuer's keys cannot be fetched, a 503.
      const refused = httpErrorResponse(
        error instanceof GraphQLError ? error : new Unauthenticated('Invalid claims', 401),
      );
      res.status(refused.status === 400 ? 401 : refused.status).json(refused.body);
    }
  };

  if (options.publishedKeys) {
    const jwks = publicJwks(options.publishedKeys);
    app.get(SERVICE_KEYS_PATH, (_req, res) => {
      res.set('cache-control', 'public, max-age=60').json(jwks);
    });
  }
  options.routes?.(app);

  let started: Promise<void> | undefined;
  let stopped: Promise<void> | undefined;

  return {
    async listen(port, hostname = '127.0.0.1', metricsPort = 0) {
      started ??= Promise.all([apollo.start(), options.onStart?.()]).then(() => {
        app.use(
          '/graphql',
          onlySignedPosts,
          express.json({ limit: options.bodyLimit ?? '100kb' }),
          expressMiddleware(apollo, {
            context: async ({ req, res }) => {
              const requestId = requestIdFrom(req.headers);
              const { traceId } = traceContextFromHeaders(req.headers);
              const claims = res.locals.claims as VerifiedClaims;
              const context = await options.createContext({
                viewer: claims.viewer,
                claimsIssuer: claims.issuer,
                requestId,
                traceId,
                logger: logger.child({ requestId, traceId }),
              });
              return Object.assign(context, { [VERIFIED_CLAIMS]: claims });
            },
          }),
        );
      });
      await started;
      const bound = await host.listen(port, hostname, metricsPort);
      const url = `http://${hostname}:${bound.port}/graphql`;
      const metricsUrl = `http://${hostname}:${bound.metricsPort}/metrics`;
      logger.info({ url, metricsUrl }, `${options.name} subgraph listening`);
      return { url, port: bound.port, metricsUrl };
    },
    stop() {
      stopped ??= (async () => {
        // Sockets first: an open WebSocket would hold the HTTP server's close, and its subscriptions read
        // from what onStop closes.
        await subscriptions.close();
        if (httpServer.listening) await apollo.stop();
        await host.closeOperations();
        await options.onStop?.();
        logger.info(`${options.name} subgraph stopped`);
      })();
      return stopped;
    },
  };
}
