// The animal service's configuration, parsed once from the environment by main.ts.
import { claimsSigningVariables, claimsTrustVariables, httpUrl, logLevel, nodeEnv, parseConfig, port, postgresUrl, requireInProduction, z } from '@supergraph/config';

const schema = z.object({
  NODE_ENV: nodeEnv,
  PORT: port(4003),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: postgresUrl,
  LOG_LEVEL: logLevel,
  /** Operations slower than this many milliseconds are logged as slow. */
  SLOW_OPERATION_MS: z.coerce.number().int().min(0).default(1_000),
  ZOO_SERVICE_URL: httpUrl.default('http://localhost:4002/graphql'),
  ZOO_SERVICE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  /** Where the zoo service publishes the keys it signs its calls with (default: next to ZOO_SERVICE_URL). */
  ZOO_JWKS_URL: httpUrl.optional(),
  ...claimsTrustVariables,
  ...claimsSigningVariables,
});

export type AnimalConfig = z.infer<typeof schema> & { production: boolean };

export function loadConfig(env: Record<string, string | undefined>): AnimalConfig {
  const config = parseConfig(schema, env);
  const production = config.NODE_ENV === 'production';
  requireInProduction(production, { CLAIMS_SIGNING_KEY: config.CLAIMS_SIGNING_KEY });
  return { ...config, production };
}
