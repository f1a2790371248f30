// The common subgraph server: Apollo Server over express that answers only signed callers (the gateway, or
// a service for its declared operations), with the viewer taken from those claims; subscriptions over
// WebSocket on the same /graphql, signed the same way (subscriptions.ts); /health, /ready (cached) and
// optionally a JWKS, with /metrics and the detailed /ready on a port of their own (METRICS_PORT); JSON logs
// carrying the request and trace ids the gateway sends; a span per operation when the process traces; and a
// graceful stop that closes the subscriptions' sockets and lets in-flight requests finish.
import { ApolloServer, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Response } from 'express';
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
import {
  createMetrics,
  operationSpanPlugin,
  requestIdFrom,
  serverSpans,
  traceContextFromHeaders,
  type Metrics,
} from '@supergraph/observability';
import { createHttpHost, type Logger } from '@supergraph/runtime';
import { VERIFIED_CLAIMS, claimsBindTheOperation, gatewayOnlyInternalFields } from './claims-binding';
import { reportStatementTimeouts } from './statement-timeouts';
import { createSubscriptionEndpoint, type SubscriptionLimits } from './subscriptions';

/** A body from anyone but the gateway: one operation and its variables. */
export const DEFAULT_MAX_BODY_BYTES = 100 * 1024;
/** The gateway's `_entities` requests: thousands of representations fit. */
export const DEFAULT_MAX_GATEWAY_BODY_BYTES = 5 * 1024 * 1024;

export interface RequestInfo {
  /** The verified caller, or null when anonymous. */
  viewer: Viewer | null;
  /** Who signed the request's claims: `gateway`, or the calling service. */
  claimsIssuer: string;
  /**
   * The client's IP address as the gateway saw it, carried in the signed claims (never a header a client could
   * set); absent for a service's own call, or from a gateway that does not send it.
   */
  clientAddress?: string;
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
  /** Largest JSON body from a caller other than the gateway, in bytes (default 100 KB; larger is HTTP 413). */
  maxBodyBytes?: number;
  /**
   * Largest JSON body the gateway may send, in bytes (default 5 MB): its `_entities` requests carry one
   * representation per entity of a plan step (about 2000 are over 100 KB).
   */
  maxGatewayBodyBytes?: number;
  /** Operations taking at least this long are logged as slow (default 1000). */
  slowOperationMs?: number;
  /** Served on the operations port's GET /metrics; pass the service's own to include its database metrics (default: a fresh one). */
  metrics?: Metrics;
  /** Caps of the WebSocket subscription endpoint. */
  subscriptions?: SubscriptionLimits;
  /**
   * A server span per request to /graphql, named for its operation (the process started tracing:
   * @supergraph/observability startTracing). Off (the default), requests do no span work at all.
   */
  tracing?: boolean;
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
  // Every answer is a fresh POST response nobody revalidates: hashing each body for an ETag is wasted work.
  app.set('etag', false);
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
    formatError: reportStatementTimeouts(createErrorFormatter(logger, production), logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      metrics.operationPlugin({ logger, slowOperationMs: options.slowOperationMs ?? 1000 }),
      // Federated tracing is for Apollo's hosted studio, which this platform does not report to.
      ApolloServerPluginInlineTraceDisabled(),
      // No schema declares @cacheControl and no cache reads the hints: computing a cache policy field by field
      // (Apollo's default) is pure cost. A subgraph's responses then carry no cache-control header (not no-store): the
      // gateway finds no hint in them, and a policy without hints is uncacheable there, as before.
      ApolloServerPluginCacheControlDisabled(),
      claimsBindTheOperation<Context>(),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
      ...(options.tracing ? [operationSpanPlugin<Context>()] : []),
    ],
  });
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxGatewayBodyBytes = options.maxGatewayBodyBytes ?? DEFAULT_MAX_GATEWAY_BODY_BYTES;
  const bodyLimitOf = (claims: VerifiedClaims | undefined) =>
    claims?.issuer === 'gateway' ? maxGatewayBodyBytes : maxBodyBytes;
  const refuse = (res: Response, error: GraphQLError, status?: number) => {
    metrics.observeRefusedRequest();
    const refused = httpErrorResponse(error);
    // The body was not read: closing the connection spares reading (and discarding) the rest of it.
    res
      .status(status ?? refused.status)
      .set('connection', 'close')
      .json(refused.body);
  };
  // Before the body is even read: no valid signed claims, no service. The claims sit in a header, so they are
  // verified first, and who signed them sets how large a body is read (the gateway's `_entities` requests are
  // the large ones); a declared length over that limit, or over the small one without claims, is a 413. GET
  // (the query in the URL, which claims bound to a POST body would not cover) and every other method are
  // refused outright.
  const onlySignedPosts: RequestHandler = async (req, res, next) => {
    if (req.method !== 'POST') {
      res.set('allow', 'POST');
      refuse(res, new BadRequest('This subgraph accepts only POST', 405));
      return;
    }
    let claims: VerifiedClaims | undefined;
    let refusal: GraphQLError | undefined;
    try {
      claims = await options.claims.verify(req.header(CLAIMS_HEADER));
    } catch (error) {
      // The verifier throws UNAUTHENTICATED (401) or, when an issuer's keys cannot be fetched, a 503.
      refusal = error instanceof GraphQLError ? error : new Unauthenticated('Invalid claims', 401);
    }
    if (Number(req.header('content-length') ?? 0) > bodyLimitOf(claims)) {
      refuse(res, new BadRequest('Request body too large', 413));
    } else if (!claims) {
      const status = httpErrorResponse(refusal!).status;
      refuse(res, refusal!, status === 400 ? 401 : status);
    } else {
      res.locals.claims = claims;
      next();
    }
  };
  // Bounded while it is read, too (a body without a declared length stops at the limit).
  const gatewayBody = express.json({ limit: maxGatewayBodyBytes });
  const callerBody = express.json({ limit: maxBodyBytes });
  const parseBody: RequestHandler = (req, res, next) =>
    ((res.locals.claims as VerifiedClaims).issuer === 'gateway' ? gatewayBody : callerBody)(req, res, next);
  const bodyErrors: ErrorRequestHandler = (error: { status?: number; type?: string }, _req, res, next) => {
    if (error.type === 'entity.too.large') refuse(res, new BadRequest('Request body too large', 413));
    else if (error.status === 400) refuse(res, new BadRequest('Request body is not valid JSON'));
    else next(error);
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
          // First, so that a refused request has its span too, and the operation's SQL is under it.
          ...(options.tracing ? [serverSpans('/graphql')] : []),
          onlySignedPosts,
          parseBody,
          bodyErrors,
          expressMiddleware(apollo, {
            context: async ({ req, res }) => {
              const requestId = requestIdFrom(req.headers);
              const { traceId } = traceContextFromHeaders(req.headers);
              const claims = res.locals.claims as VerifiedClaims;
              const context = await options.createContext({
                viewer: claims.viewer,
                claimsIssuer: claims.issuer,
                ...(claims.clientAddress && { clientAddress: claims.clientAddress }),
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
