// The users service's configuration, parsed once from the environment by main.ts.
import path from 'node:path';
import { flag, parseConfig, subgraphVariables, z, ConfigError } from '@supergraph/config';

const schema = z.object({
  ...subgraphVariables(4001),
  JWT_ISSUER: z.string().min(1).default('supergraph-users'),
  JWT_AUDIENCE: z.string().min(1).default('supergraph'),
  /** PEM (PKCS#8) EC P-256 or RSA private key; required in production. */
  JWT_PRIVATE_KEY: z.string().includes('PRIVATE KEY').optional(),
  JWT_KEY_ID: z.string().min(1).optional(),
  /** Development only: where the generated signing key is kept. */
  DEV_KEYS_DIR: z.string().default(path.resolve('.data/keys')),
  SEED_DEMO_DATA: flag(false),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCKOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(15 * 60),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Runs the scheduled jobs (purging dead refresh tokens); a replica may opt out. Each run happens once across replicas. */
  JOBS_ENABLED: flag(true),
});

export type UsersConfig = z.infer<typeof schema> & { production: boolean };

export function loadConfig(env: Record<string, string | undefined>): UsersConfig {
  const config = parseConfig(schema, env);
  const production = config.NODE_ENV === 'production';
  if (production && !config.JWT_PRIVATE_KEY) {
    throw new ConfigError('Invalid configuration:\n  JWT_PRIVATE_KEY: required in production (a PEM private key)');
  }
  if (production && config.SEED_DEMO_DATA) {
    throw new ConfigError('Invalid configuration:\n  SEED_DEMO_DATA: demo accounts are never created in production');
  }
  return { ...config, production };
}
