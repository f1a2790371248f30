// One configuration schema for every subgraph process: the base variables all four share (mode, port,
// database and its pool, logging, whom to trust, its claims-signing key, jobs, traces) plus, for each service it
// calls or is called by (SERVICE_OPERATIONS, SERVICE_EVENTS), `<PEER>_SERVICE_URL`, `<PEER>_SERVICE_TIMEOUT_MS`
// and `<PEER>_JWKS_URL`.
// A service adds only its own variables (its descriptor's loadSettings); both are read from the same
// environment and every bad variable is reported at once.
import { callersOf, calleesOf, jwksUrlOf, type ServiceKeySettings } from '@supergraph/auth';
import {
  ConfigError,
  DEVELOPMENT_METRICS_PORTS,
  DEVELOPMENT_PORTS,
  claimsSigningVariables,
  flag,
  httpUrl,
  isProduction,
  type logLevel,
  parseConfig,
  requireInProduction,
  subgraphVariables,
  tracingSettings,
  tracingVariables,
  z,
  type TracingSettings,
} from '@supergraph/config';

export type Env = Record<string, string | undefined>;

/** Where a service reaches another subgraph it calls. */
export interface PeerService {
  url: string;
  timeoutMs: number;
}

/** A subgraph process's configuration, common to all four. */
export interface SubgraphConfig {
  production: boolean;
  port: number;
  host: string;
  /** Where GET /metrics (and the detailed /ready) listen, on `host`. */
  metricsPort: number;
  databaseUrl: string;
  /** Connections in this process's pool (DATABASE_POOL_MAX). */
  databasePoolMax: number;
  /** Postgres cancels a statement running longer than this (DATABASE_STATEMENT_TIMEOUT_MS; 0: never). */
  databaseStatementTimeoutMs: number;
  logLevel: z.infer<typeof logLevel>;
  slowOperationMs: number;
  /** Largest request body the gateway may send (MAX_GATEWAY_BODY_BYTES); other callers keep 100 KB. */
  maxGatewayBodyBytes: number;
  /** The gateway's published claims keys. */
  gatewayJwksUrl: string;
  /** Shared replay memory (and anything else replicas share); one process's memory when unset. */
  redisUrl: string | undefined;
  /** Whether this replica runs the service's scheduled jobs (each run happens once across replicas). */
  jobsEnabled: boolean;
  /** This service's claims-signing keys (used when it calls another service). */
  keys: ServiceKeySettings;
  /** The services it calls, by name. */
  peers: Record<string, PeerService>;
  /** The published keys of each service that calls it, by name. */
  callerKeys: Record<string, string>;
  /** Where its spans are exported (OTEL_EXPORTER_OTLP_ENDPOINT); undefined: tracing is off. */
  tracing: TracingSettings | undefined;
}

const envName = (service: string) => service.toUpperCase().replaceAll('-', '_');
const defaultUrl = (service: string) => `http://localhost:${DEVELOPMENT_PORTS[service] ?? 4000}/graphql`;

/** The pool each process opens on its own database: sized per service, every statement bounded in time. */
const databaseVariables = {
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
};

function baseSchema(name: string) {
  const peerVariables: Record<string, z.ZodType> = {};
  for (const peer of new Set([...calleesOf(name), ...callersOf(name)])) {
    const PEER = envName(peer);
    peerVariables[`${PEER}_SERVICE_URL`] = httpUrl.default(defaultUrl(peer));
    peerVariables[`${PEER}_SERVICE_TIMEOUT_MS`] = z.coerce.number().int().min(100).max(60_000).default(3_000);
    /** Where that service publishes the keys it signs its calls with (default: next to its URL). */
    peerVariables[`${PEER}_JWKS_URL`] = httpUrl.optional();
  }
  return z.object({
    ...subgraphVariables(DEVELOPMENT_PORTS[name] ?? 4000, DEVELOPMENT_METRICS_PORTS[name] ?? 9400),
    ...claimsSigningVariables,
    ...databaseVariables,
    MAX_GATEWAY_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(100 * 1024)
      .max(64 * 1024 * 1024)
      .default(5 * 1024 * 1024),
    JOBS_ENABLED: flag(true),
    ...tracingVariables,
    ...peerVariables,
  });
}

/**
 * Parses the base variables of subgraph `name` and, with `loadSettings`, the service's own, from one
 * environment. Throws one ConfigError that lists every bad variable of both.
 */
export function loadSubgraphConfig<Settings>(
  name: string,
  env: Env,
  loadSettings: (env: Env) => Settings,
): { config: SubgraphConfig; settings: Settings } {
  const problems: string[] = [];
  const attempt = <T>(parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.message.split('\n').slice(1));
      return undefined;
    }
  };
  const base = attempt(() => parseConfig(baseSchema(name), env));
  // Fails closed: only an explicit NODE_ENV=development or test is not production.
  const production = base ? base.NODE_ENV === 'production' : isProduction(env);
  const callees = calleesOf(name);
  if (base)
    attempt(() =>
      requireInProduction(production && callees.length > 0, { CLAIMS_SIGNING_KEY: base.CLAIMS_SIGNING_KEY }),
    );
  const settings = attempt(() => loadSettings(env));
  if (problems.length || !base) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);

  const vars = base as Record<string, unknown>;
  const peers: Record<string, PeerService> = {};
  for (const peer of callees) {
    peers[peer] = {
      url: vars[`${envName(peer)}_SERVICE_URL`] as string,
      timeoutMs: vars[`${envName(peer)}_SERVICE_TIMEOUT_MS`] as number,
    };
  }
  const callerKeys: Record<string, string> = {};
  for (const caller of callersOf(name)) {
    const jwks = vars[`${envName(caller)}_JWKS_URL`] as string | undefined;
    callerKeys[caller] = jwks ?? jwksUrlOf(vars[`${envName(caller)}_SERVICE_URL`] as string);
  }
  return {
    config: {
      production,
      port: base.PORT,
      host: base.HOST,
      metricsPort: base.METRICS_PORT,
      databaseUrl: base.DATABASE_URL,
      databasePoolMax: base.DATABASE_POOL_MAX,
      databaseStatementTimeoutMs: base.DATABASE_STATEMENT_TIMEOUT_MS,
      logLevel: base.LOG_LEVEL,
      slowOperationMs: base.SLOW_OPERATION_MS,
      maxGatewayBodyBytes: base.MAX_GATEWAY_BODY_BYTES,
      gatewayJwksUrl: base.GATEWAY_JWKS_URL,
      redisUrl: base.REDIS_URL,
      jobsEnabled: base.JOBS_ENABLED,
      keys: {
        issuer: name,
        privateKeyPem: base.CLAIMS_SIGNING_KEY,
        retiredKeyPem: base.CLAIMS_SIGNING_KEY_RETIRED,
        devKeysDir: base.DEV_KEYS_DIR,
      },
      peers,
      callerKeys,
      tracing: tracingSettings(base, name),
    },
    settings: settings as Settings,
  };
}
