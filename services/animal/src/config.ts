// The animal service's configuration, parsed once from the environment by main.ts.
import { httpUrl, logLevel, nodeEnv, parseConfig, port, postgresUrl, resolveSecrets, z } from '@supergraph/config';
import { DEVELOPMENT_CLAIMS_SECRET } from '@supergraph/auth';

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
});

export type AnimalConfig = z.infer<typeof schema> & { production: boolean; INTERNAL_CLAIMS_SECRET: string };

export function loadConfig(env: Record<string, string | undefined>): AnimalConfig {
  const config = parseConfig(schema, env);
  const production = config.NODE_ENV === 'production';
  return { ...config, ...resolveSecrets(env, production, { INTERNAL_CLAIMS_SECRET: DEVELOPMENT_CLAIMS_SECRET }), production };
}
