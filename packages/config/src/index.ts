// Parses a process's environment once, against a zod schema, and fails with a message that names each bad variable.
import { z } from 'zod';

export { z };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

export function parseConfig<Schema extends z.ZodType>(schema: Schema, env: Env): z.infer<Schema> {
  // Empty strings mean "unset", so `FOO= npm start` falls back to the default instead of failing.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const variable = issue.path.join('.') || '(environment)';
      return `  ${variable}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return result.data;
}

/** A TCP port; 0 asks the OS for a free one. */
export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/**
 * The mode a process runs in. It fails closed: only an explicit `development` or `test` allows development
 * defaults (public keys and secrets); unset, or anything else, runs as `production`.
 */
export const nodeEnv = z
  .string()
  .optional()
  .transform((value): 'development' | 'test' | 'production' =>
    value === 'development' || value === 'test' ? value : 'production',
  );

/** Whether `env` runs in production: NODE_ENV is neither `development` nor `test` (unset included). */
export const isProduction = (env: Env): boolean => nodeEnv.parse(env.NODE_ENV || undefined) === 'production';

/** `true`/`false`/`1`/`0` as a boolean (z.coerce.boolean would read "false" as true). */
export const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .transform((value) => value === 'true' || value === '1')
    .default(fallback);

export const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// connection URL');

export const httpUrl = z.url({ protocol: /^https?$/ });

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/**
 * Secrets with a development default: the default is used only in development and test, and in production
 * (NODE_ENV unset included) the variable must be set to something else. Returns the resolved values by name.
 */
export function resolveSecrets<Name extends string>(
  env: Env,
  production: boolean,
  developmentDefaults: Record<Name, string>,
): Record<Name, string> {
  const missing: string[] = [];
  const resolved = {} as Record<Name, string>;
  for (const [name, devDefault] of Object.entries(developmentDefaults) as [Name, string][]) {
    const value = env[name] || undefined;
    if (production && (!value || value === devDefault))
      missing.push(`  ${name}: must be set in production (the development default is public)`);
    resolved[name] = value ?? devDefault;
  }
  if (missing.length) throw new ConfigError(`Invalid configuration:\n${missing.join('\n')}`);
  return resolved;
}

/** A PEM key: a private one to sign with, or (for a retired key) a public one. */
export const pemKey = z.string().regex(/-----BEGIN (EC |RSA )?(PRIVATE|PUBLIC) KEY-----/, 'must be a PEM key');
export const redisUrl = z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL');

/**
 * What every subgraph needs to check signed claims: the gateway's JWKS, and Redis (optional) to share the
 * replay memory between replicas.
 */
export const claimsTrustVariables = {
  GATEWAY_JWKS_URL: httpUrl.default('http://localhost:4000/.well-known/jwks.json'),
  REDIS_URL: redisUrl.optional(),
};

/**
 * What a process that signs claims needs (the gateway; a service calling another): its private key, required
 * in production; the previous key's PEM while a rotation is under way; where development keys are generated.
 */
export const claimsSigningVariables = {
  CLAIMS_SIGNING_KEY: pemKey.optional(),
  CLAIMS_SIGNING_KEY_RETIRED: pemKey.optional(),
  DEV_KEYS_DIR: z.string().default('.data/keys'),
};

/** Fails naming each variable that production (NODE_ENV unset included) requires and that is unset. */
export function requireInProduction(production: boolean, values: Record<string, unknown>): void {
  if (!production) return;
  const missing = Object.entries(values)
    .filter(([, value]) => value === undefined || value === '')
    .map(([name]) => `  ${name}: required in production`);
  if (missing.length) throw new ConfigError(`Invalid configuration:\n${missing.join('\n')}`);
}

/**
 * What every subgraph's configuration starts from: mode, where it listens (`port` is its default), its own
 * database, logging, the slow-operation threshold and whom it trusts for signed claims. A service's
 * config.ts adds its own variables: `z.object({ ...subgraphVariables(4002, 9402), ANIMAL_SERVICE_URL: … })`.
 */
export function subgraphVariables(defaultPort: number, defaultMetricsPort: number) {
  return {
    NODE_ENV: nodeEnv,
    PORT: port(defaultPort),
    HOST: z.string().default('127.0.0.1'),
    /** GET /metrics and the detailed GET /ready, on their own port (never the public one). */
    METRICS_PORT: port(defaultMetricsPort),
    DATABASE_URL: postgresUrl,
    LOG_LEVEL: logLevel,
    /** Operations slower than this many milliseconds are logged as slow. */
    SLOW_OPERATION_MS: z.coerce.number().int().min(0).default(1_000),
    ...claimsTrustVariables,
  };
}

/**
 * OpenTelemetry traces, exported over OTLP/HTTP (JSON) only when an endpoint is set (the standard OTEL_*
 * names, so a collector's usual settings work as they are). `OTEL_EXPORTER_OTLP_ENDPOINT` is the collector's
 * base URL (`/v1/traces` is appended); `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is the full traces URL and wins.
 */
export const tracingVariables = {
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrl.optional(),
  /** `key=value,key2=value2` (values URL-encoded), sent with every export: a hosted collector's API key. */
  OTEL_EXPORTER_OTLP_HEADERS: z
    .string()
    .optional()
    .transform((value, context) => {
      const headers: Record<string, string> = {};
      for (const entry of (value ?? '').split(',').filter((part) => part.trim())) {
        const separator = entry.indexOf('=');
        const name = entry.slice(0, separator).trim();
        if (separator < 1 || !name) {
          context.addIssue({ code: 'custom', message: `"${entry}" is not key=value` });
          return z.NEVER;
        }
        try {
          headers[name] = decodeURIComponent(entry.slice(separator + 1).trim());
        } catch {
          context.addIssue({ code: 'custom', message: `the value of "${name}" is not URL-encoded` });
          return z.NEVER;
        }
      }
      return headers;
    }),
  /** The `service.name` of this process's spans (default: the service's own name). */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  /** How long finished spans wait before they are sent in one batch, in milliseconds. */
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().min(0).max(600_000).default(5_000),
  /** `true` turns tracing off even with an endpoint set. */
  OTEL_SDK_DISABLED: flag(false),
};

/** Where and as what a process exports its spans; undefined: tracing is off. */
export interface TracingSettings {
  serviceName: string;
  /** The OTLP/HTTP traces URL (`…/v1/traces`). */
  tracesUrl: string;
  headers: Record<string, string>;
  scheduleDelayMs: number;
}

/** The tracing settings of a process named `serviceName`, from the parsed tracingVariables; undefined when off. */
export function tracingSettings(
  variables: z.infer<z.ZodObject<typeof tracingVariables>>,
  serviceName: string,
): TracingSettings | undefined {
  const base = variables.OTEL_EXPORTER_OTLP_ENDPOINT;
  const tracesUrl = variables.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base && `${base.replace(/\/+$/, '')}/v1/traces`);
  if (!tracesUrl || variables.OTEL_SDK_DISABLED) return undefined;
  return {
    serviceName: variables.OTEL_SERVICE_NAME ?? serviceName,
    tracesUrl,
    headers: variables.OTEL_EXPORTER_OTLP_HEADERS,
    scheduleDelayMs: variables.OTEL_BSP_SCHEDULE_DELAY,
  };
}

/** Where each process listens in development unless PORT says otherwise; a service finds its peers here by default. */
export const DEVELOPMENT_PORTS: Readonly<Record<string, number>> = {
  gateway: 4000,
  users: 4001,
  zoo: 4002,
  animal: 4003,
  puzzle: 4004,
};

/**
 * Where each process serves its metrics (and detailed readiness) in development unless METRICS_PORT says
 * otherwise: apart from the public ports above, so that nothing public shows them.
 */
export const DEVELOPMENT_METRICS_PORTS: Readonly<Record<string, number>> = {
  gateway: 9400,
  users: 9401,
  zoo: 9402,
  animal: 9403,
  puzzle: 9404,
};
