// The gateway: Apollo Gateway inside Apollo Server over express. It verifies client JWTs, rate-limits
// callers, refuses oversized or overly expensive operations before any subgraph is called, forwards signed
// claims to subgraphs within a timeout, masks what clients must not see, and reports health, readiness and
// metrics.
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { CLAIMS_HEADER, publicJwks, type AccessTokenVerifier, type ServiceKeys } from '@supergraph/auth';
import { createErrorFormatter } from '@supergraph/errors';
import { createMetrics, requestIdFrom, traceContextFromHeaders } from '@supergraph/observability';
import { createHttpHost, type Logger } from '@supergraph/runtime';
import { createAuthorityFeed } from './authority-feed';
import { ClaimsForwardingDataSource } from './claims-data-source';
import { viewerFromHeaders, type GatewayContext } from './context';
import { DEFAULT_LIMITS, operationLimits, type OperationLimits } from './operation-limits';
import { persistedQuerySettings, type PersistedQueriesMode, type PersistedQueryManifest } from './persisted-queries';
import type { RequestRateLimiter } from './rate-limit';
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
  /** Per-caller request budget; none means unlimited (tests). */
  rateLimiter?: RequestRateLimiter;
  persistedQueries?: { mode: PersistedQueriesMode; manifest?: PersistedQueryManifest };
  /** Browser origins allowed to call the gateway (CORS); none by default. */
  corsOrigins?: string[];
  /** Operations slower than this are logged with their name and duration (default 1 s). */
  slowOperationMs?: number;
  /** How the gateway follows role changes and deletions (authority-feed.ts); `usersUrl` defaults to the supergraph's. */
  authority?: { intervalMs?: number; staleAfterMs?: number; usersUrl?: string };
}

export interface GatewayServer {
  listen(port: number, host?: string): Promise<{ url: string; port: number }>;
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
  let routes = new Map<string, string>();
  const served = (sdl: string) => {
    routes = new Map(subgraphsOf(sdl).map(({ name, url }) => [name, overrides[name] ?? url]));
  };
  const source = 'file' in options.supergraph ? supergraphFromFile(options.supergraph.file, logger, served) : undefined;
  if ('sdl' in options.supergraph) served(options.supergraph.sdl);
  const gateway = new ApolloGateway({
    supergraphSdl: source ?? (options.supergraph as { sdl: string }).sdl,
    buildService: ({ name, url }) =>
      new ClaimsForwardingDataSource(name, overrides[name] ?? url!, {
        keys: options.keys,
        timeoutMs: options.subgraphTimeouts?.[name] ?? options.subgraphTimeoutMs ?? 5_000,
        onFetch: (subgraph, seconds, outcome) => metrics.observeSubgraphFetch(subgraph, seconds, outcome),
      }),
  });
  const authority = createAuthorityFeed({
    usersUrl: () => options.authority?.usersUrl ?? routes.get('users'),
    keys: options.keys,
    logger,
    ...(options.authority?.intervalMs !== undefined && { intervalMs: options.authority.intervalMs }),
    ...(options.authority?.staleAfterMs !== undefined && { staleAfterMs: options.authority.staleAfterMs }),
  });
  const limits = operationLimits({ ...DEFAULT_LIMITS, ...options.limits }, production);
  const persisted = persistedQuerySettings(options.persistedQueries?.mode ?? 'apq', options.persistedQueries?.manifest);

  let loaded = false;
  const host = createHttpHost({
    metrics,
    readiness: async () => {
      const subgraphs = await Promise.all([...routes.values()].map(async (url) => ({ url, up: await answers(url) })));
      const authorityFeed = authority.isFresh() ? 'fresh' : 'stale';
      const ready = loaded && subgraphs.every((subgraph) => subgraph.up) && authorityFeed === 'fresh';
      return { ready, details: { supergraphLoaded: loaded, subgraphs, authorityFeed } };
    },
  });
  const { app, httpServer } = host;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    // main.ts owns signal handling (stopOnSignals), so stopping happens once and in order.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !production,
    allowBatchedHttpRequests: false,
    formatError: createErrorFormatter(logger, production),
    validationRules: limits.validationRules,
    persistedQueries: persisted.persistedQueries,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
      metrics.operationPlugin({ logger, slowOperationMs: options.slowOperationMs ?? 1_000 }),
      ...limits.plugins,
    ],
  });

  // Subgraphs verify the claims the gateway signs against these keys.
  const jwks = publicJwks(options.keys.published);
  app.get('/.well-known/jwks.json', (_req, res) => {
    res.set('cache-control', 'public, max-age=60').json(jwks);
  });

  // express.json's errors (a body over the limit, malformed JSON) as GraphQL-shaped responses.
  const bodyErrors: ErrorRequestHandler = (error: { status?: number; type?: string }, _req, res, next) => {
    if (error.type === 'entity.too.large') {
      res.status(413).json({ errors: [{ message: 'Request body too large', extensions: { code: 'BAD_REQUEST' } }] });
    } else if (error.status === 400) {
      res
        .status(400)
        .json({ errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    } else {
      next(error);
    }
  };

  // The internal header is the gateway's to write; a client's copy never travels further.
  const dropInternalHeader: RequestHandler = (req, _res, next) => {
    delete req.headers[CLAIMS_HEADER];
    next();
  };
  // Checks on the raw text, before Apollo Server parses it: the token limit (parsing is what it protects)
  // and, in safelist mode, whether the operation is allowed at all.
  const checkQueryText: RequestHandler = (req, res, next) => {
    // GET carries the operation in the URL (Apollo Server allows GET for queries).
    const query = req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
    const error = typeof query === 'string' ? (limits.checkSource(query) ?? persisted.checkSource(query)) : undefined;
    if (!error) return next();
    res.status(400).json({ errors: [{ message: error.message, extensions: { code: error.extensions.code } }] });
  };

  let started: Promise<void> | undefined;
  let stopped: Promise<void> | undefined;
  return {
    async listen(port, hostname = '127.0.0.1') {
      started ??= apollo.start().then(() => {
        loaded = true;
        app.use(
          '/graphql',
          cors({ origin: options.corsOrigins?.length ? options.corsOrigins : false, credentials: true }),
          dropInternalHeader,
          express.json({ limit: options.bodyLimit ?? '100kb' }),
          bodyErrors,
          checkQueryText,
          expressMiddleware(apollo, {
            context: async ({ req }) => {
              const caller = `ip:${req.socket.remoteAddress ?? 'unknown'}`;
              let viewer;
              try {
                viewer = await viewerFromHeaders(req.headers, options.verifier, authority);
              } catch (error) {
                // A bad token still spends the address's budget, so guessing tokens is rate-limited too.
                await options.rateLimiter?.consume(caller);
                throw error;
              }
              await options.rateLimiter?.consume(viewer ? `user:${viewer.id}` : caller);
              const trace = traceContextFromHeaders(req.headers);
              return {
                viewer,
                requestId: requestIdFrom(req.headers),
                traceparent: trace.traceparent,
                traceId: trace.traceId,
              };
            },
          }),
        );
      });
      await started;
      const actualPort = await host.listen(port, hostname);
      const url = `http://${hostname}:${actualPort}/graphql`;
      authority.start();
      logger.info({ url, subgraphs: [...routes.values()] }, 'gateway listening');
      return { url, port: actualPort };
    },
    reloadSupergraph: () => source?.reload() ?? false,
    refreshAuthority: () => authority.refresh(),
    stop() {
      stopped ??= (async () => {
        authority.stop();
        if (httpServer.listening) await apollo.stop();
        logger.info('gateway stopped');
      })();
      return stopped;
    },
  };
}
