// Process entry of the gateway: configuration, traces (exported when OTEL_EXPORTER_OTLP_ENDPOINT is set), serve
// the composed supergraph file (reloading it when it changes), rate limits (Redis-backed when REDIS_URL is set),
// listen, stop on SIGTERM.
import { createAccessTokenVerifier, loadServiceKeys } from '@supergraph/auth';
import { startTracing } from '@supergraph/observability';
import { connectRedis, createLogger, runMain, stopOnSignals } from '@supergraph/runtime';
import { loadConfig } from './config';
import { ASSUMED_LIST_SIZES } from './features/operation-limits';
import { readManifest } from './features/persisted-queries';
import { createRequestRateLimiter } from './features/rate-limit';
import { createGatewayServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger('gateway', config.LOG_LEVEL);
  // Before anything makes a span: from here on, Apollo Gateway's spans and ours are recorded.
  const tracing =
    config.tracing &&
    startTracing({
      ...config.tracing,
      onExportError: (error) => logger.warn({ err: error }, 'could not export traces'),
    });
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, logger) : undefined;
  const server = createGatewayServer({
    supergraph: { file: config.SUPERGRAPH_SDL_FILE },
    subgraphUrls: config.subgraphUrls,
    verifier: createAccessTokenVerifier({
      jwksUri: config.USERS_JWKS_URL,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
    }),
    keys: loadServiceKeys({
      issuer: 'gateway',
      privateKeyPem: config.CLAIMS_SIGNING_KEY,
      retiredKeyPem: config.CLAIMS_SIGNING_KEY_RETIRED,
      devKeysDir: config.DEV_KEYS_DIR,
    }),
    logger,
    production: config.production,
    bodyLimit: `${config.MAX_BODY_BYTES}b`,
    limits: {
      maxDepth: config.MAX_DEPTH,
      maxAliases: config.MAX_ALIASES,
      maxRootFields: config.MAX_ROOT_FIELDS,
      maxDirectives: config.MAX_DIRECTIVES,
      maxTokens: config.MAX_TOKENS,
      maxCost: config.MAX_COST,
      listSizes: { ...ASSUMED_LIST_SIZES, ...config.COST_LIST_SIZES },
    },
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    subgraphTimeouts: config.subgraphTimeouts,
    deduplicateRequests: config.GATEWAY_DEDUPLICATE_REQUESTS,
    ...(config.RATE_LIMIT_ENABLED && {
      rateLimiter: createRequestRateLimiter(
        {
          perSecond: config.RATE_LIMIT_PER_SECOND,
          burst: config.RATE_LIMIT_BURST,
          burstWindowSeconds: config.RATE_LIMIT_BURST_WINDOW_SECONDS,
        },
        redis,
        logger,
      ),
    }),
    persistedQueries: {
      mode: config.PERSISTED_QUERIES,
      ...(config.PERSISTED_QUERIES === 'safelist' && { manifest: readManifest(config.PERSISTED_QUERIES_MANIFEST) }),
    },
    corsOrigins: config.CORS_ORIGINS,
    trustProxy: config.TRUST_PROXY,
    slowOperationMs: config.SLOW_OPERATION_MS,
    subscriptions: {
      maxSubscriptionsPerConnection: config.SUBSCRIPTIONS_PER_CONNECTION,
      maxConnectionsPerUser: config.SUBSCRIPTION_CONNECTIONS_PER_USER,
      maxConnectionsPerAddress: config.SUBSCRIPTION_CONNECTIONS_PER_IP,
      maxPendingEvents: config.SUBSCRIPTION_MAX_PENDING_EVENTS,
      keepAliveMs: config.SUBSCRIPTION_KEEPALIVE_MS,
      maxMessageBytes: config.MAX_BODY_BYTES,
    },
    tracing: Boolean(tracing),
  });
  await server.listen(config.PORT, config.HOST, config.METRICS_PORT);
  stopOnSignals(async () => {
    await server.stop();
    redis?.disconnect();
    // Last: the spans of the requests that just finished go out too.
    await tracing?.shutdown();
  }, logger);
}

runMain(main);
