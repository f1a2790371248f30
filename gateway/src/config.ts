// The gateway's configuration, parsed once from the environment by main.ts.
import path from 'node:path';
import {
  DEVELOPMENT_METRICS_PORTS,
  claimsSigningVariables,
  flag,
  logLevel,
  nodeEnv,
  parseConfig,
  port,
  redisUrl,
  requireInProduction,
  httpUrl,
  tracingSettings,
  tracingVariables,
  z,
  type TracingSettings,
} from '@supergraph/config';
import { parseTrustProxy } from './client-address';
import { DEFAULT_LIMITS } from './features/operation-limits';
import { DEFAULT_RATE_LIMIT } from './features/rate-limit';
import { DEFAULT_SUBSCRIPTION_LIMITS } from './subscriptions/subscription-service';

const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

const schema = z.object({
  NODE_ENV: nodeEnv,
  PORT: port(4000),
  HOST: z.string().default('127.0.0.1'),
  /** GET /metrics and the detailed GET /ready, on their own port of HOST (never the public one). */
  METRICS_PORT: port(DEVELOPMENT_METRICS_PORTS.gateway ?? 9400),
  LOG_LEVEL: logLevel,
  /** The composed supergraph (`npm run compose` writes it); reloaded when it changes or on SIGHUP. */
  SUPERGRAPH_SDL_FILE: z.string().default(path.resolve(__dirname, '../../supergraph.graphql')),
  /** Where the users service publishes its token-signing keys. */
  USERS_JWKS_URL: httpUrl.default('http://localhost:4001/.well-known/jwks.json'),
  JWT_ISSUER: z.string().min(1).default('supergraph-users'),
  JWT_AUDIENCE: z.string().min(1).default('supergraph'),
  /** Largest request body, in bytes (larger is HTTP 413). */
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .default(100 * 1024),
  MAX_DEPTH: count(DEFAULT_LIMITS.maxDepth),
  MAX_ALIASES: count(DEFAULT_LIMITS.maxAliases),
  MAX_ROOT_FIELDS: count(DEFAULT_LIMITS.maxRootFields),
  MAX_DIRECTIVES: count(DEFAULT_LIMITS.maxDirectives),
  MAX_TOKENS: count(DEFAULT_LIMITS.maxTokens),
  MAX_COST: count(DEFAULT_LIMITS.maxCost),
  /** Assumed lengths of lists no argument bounds, over ASSUMED_LIST_SIZES: `Leaderboard.members=1000,…`. */
  COST_LIST_SIZES: z
    .string()
    .default('')
    .transform((value, context) => {
      const sizes: Record<string, number> = {};
      for (const entry of value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)) {
        const match = /^([A-Za-z_]\w*\.[A-Za-z_]\w*)=(\d+)$/.exec(entry);
        if (!match) {
          context.addIssue({ code: 'custom', message: `"${entry}" is not Type.field=size` });
          return z.NEVER;
        }
        sizes[match[1]!] = Number(match[2]);
      }
      return sizes;
    }),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  /** Identical subgraph fetches of queries in flight at once (same subgraph, operation, variables, viewer and
   *  client address) share one request; `false` sends one request per fetch. */
  GATEWAY_DEDUPLICATE_REQUESTS: flag(true),
  RATE_LIMIT_ENABLED: flag(true),
  RATE_LIMIT_PER_SECOND: count(DEFAULT_RATE_LIMIT.perSecond),
  RATE_LIMIT_BURST: count(DEFAULT_RATE_LIMIT.burst),
  RATE_LIMIT_BURST_WINDOW_SECONDS: count(DEFAULT_RATE_LIMIT.burstWindowSeconds),
  /** Shared rate-limit budgets across gateway replicas; unset: in memory. */
  REDIS_URL: redisUrl.optional(),
  /** Whose X-Forwarded-For is believed for the client address: unset trusts no proxy; a hop count (`1`); or
   *  comma-separated addresses and CIDRs of the proxies (`10.0.0.0/8,loopback`). */
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((value, context) => {
      try {
        return parseTrustProxy(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: `a hop count or addresses/CIDRs: ${(error as Error).message}` });
        return z.NEVER;
      }
    }),
  /** The key the gateway signs forwarded claims with (its public half is served at /.well-known/jwks.json). */
  ...claimsSigningVariables,
  PERSISTED_QUERIES: z.enum(['off', 'apq', 'safelist']).default('apq'),
  PERSISTED_QUERIES_MANIFEST: z
    .string()
    .default(path.resolve(__dirname, '../../packages/schema-checks/persisted-queries.json')),
  /** Comma-separated browser origins allowed by CORS. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  SLOW_OPERATION_MS: z.coerce.number().int().min(0).default(1_000),
  /** Subscriptions (WebSocket at /graphql, SSE at /graphql/stream): caps per connection, user and IP address. */
  SUBSCRIPTIONS_PER_CONNECTION: count(DEFAULT_SUBSCRIPTION_LIMITS.maxSubscriptionsPerConnection),
  SUBSCRIPTION_CONNECTIONS_PER_USER: count(DEFAULT_SUBSCRIPTION_LIMITS.maxConnectionsPerUser),
  SUBSCRIPTION_CONNECTIONS_PER_IP: count(DEFAULT_SUBSCRIPTION_LIMITS.maxConnectionsPerAddress),
  /** A subscriber this many events behind is disconnected. */
  SUBSCRIPTION_MAX_PENDING_EVENTS: count(DEFAULT_SUBSCRIPTION_LIMITS.maxPendingEvents),
  SUBSCRIPTION_KEEPALIVE_MS: z.coerce.number().int().min(1_000).default(DEFAULT_SUBSCRIPTION_LIMITS.keepAliveMs),
  /** OpenTelemetry traces over OTLP/HTTP, on only when an endpoint is set (see @supergraph/config). */
  ...tracingVariables,
});

export type GatewayConfig = z.infer<typeof schema> & {
  production: boolean;
  /** Routing URL overrides by subgraph name, from SUBGRAPH_<NAME>_URL (e.g. inside docker-compose). */
  subgraphUrls: Record<string, string>;
  /** Fetch deadlines by subgraph name, from SUBGRAPH_<NAME>_TIMEOUT_MS. */
  subgraphTimeouts: Record<string, number>;
  /** Where spans are exported (OTEL_EXPORTER_OTLP_ENDPOINT); undefined: tracing is off. */
  tracing: TracingSettings | undefined;
};

/** SUBGRAPH_<NAME>_<SUFFIX> variables, by lower-case subgraph name. */
function perSubgraph(env: Record<string, string | undefined>, suffix: string): Record<string, string> {
  const pattern = new RegExp(`^SUBGRAPH_([A-Z0-9]+)_${suffix}$`);
  return Object.fromEntries(
    Object.entries(env).flatMap(([name, value]) => {
      const match = pattern.exec(name);
      return match && value ? [[match[1]!.toLowerCase(), value]] : [];
    }),
  );
}

export function loadConfig(env: Record<string, string | undefined>): GatewayConfig {
  const config = parseConfig(schema, env);
  // NODE_ENV unset (or unknown) is production: the development keys are used only when asked for.
  const production = config.NODE_ENV === 'production';
  requireInProduction(production, { CLAIMS_SIGNING_KEY: config.CLAIMS_SIGNING_KEY });
  const subgraphUrls = parseConfig(z.record(z.string(), httpUrl), perSubgraph(env, 'URL'));
  const subgraphTimeouts = parseConfig(
    z.record(z.string(), z.coerce.number().int().min(100).max(120_000)),
    perSubgraph(env, 'TIMEOUT_MS'),
  );
  return { ...config, production, subgraphUrls, subgraphTimeouts, tracing: tracingSettings(config, 'gateway') };
}
