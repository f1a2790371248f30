// The zoo service's configuration, parsed once from the environment by main.ts.
import { claimsSigningVariables, claimsTrustVariables, httpUrl, logLevel, nodeEnv, parseConfig, port, postgresUrl, requireInProduction, z } from '@supergraph/config';

const schema = z.object({
  NODE_ENV: nodeEnv,
  PORT: port(4002),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: postgresUrl,
  LOG_LEVEL: logLevel,
  /** Operations slower than this many milliseconds are logged as slow. */
  SLOW_OPERATION_MS: z.coerce.number().int().min(0).default(1_000),
  ANIMAL_SERVICE_URL: httpUrl.default('http://localhost:4003/graphql'),
  ANIMAL_SERVICE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  /** Where the animal service publishes the keys it signs its calls with (default: next to ANIMAL_SERVICE_URL). */
  ANIMAL_JWKS_URL: httpUrl.optional(),
  ...claimsTrustVariables,
  ...claimsSigningVariables,
});

export type ZooConfig = z.infer<typeof schema> & { production: boolean };

export function loadConfig(env: Record<string, string | undefined>): ZooConfig {
  const config = parseConfig(schema, env);
  const production = config.NODE_ENV === 'production';
  requireInProduction(production, { CLAIMS_SIGNING_KEY: config.CLAIMS_SIGNING_KEY });
  return { ...config, production };
}
