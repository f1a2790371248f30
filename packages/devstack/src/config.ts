// The dev launcher's settings: where Postgres is, and where the repository's files are.
import path from 'node:path';
import { flag, parseConfig, port, postgresUrl, z } from '@supergraph/config';

const ROOT = path.resolve(__dirname, '../../..');

const schema = z.object({
  /**
   * The mode of the processes it starts. `npm start` is the development launcher, so it says `development`
   * explicitly (the services themselves treat an unset NODE_ENV as production); NODE_ENV=production with the
   * keys set runs the same stack as production.
   */
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** An external Postgres server (admin URL); each subgraph gets its own database on it. Unset: embedded Postgres. */
  DATABASE_URL: postgresUrl.optional(),
  EMBEDDED_POSTGRES_PORT: port(54329),
  DATA_DIR: z.string().default(path.join(ROOT, '.data')),
  SUPERGRAPH_CONFIG: z.string().default(path.join(ROOT, 'supergraph.yaml')),
  GATEWAY_PORT: port(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  /**
   * How the processes' logs are shown: `pretty` (one readable line each: time, level, service, message, request
   * id) or `json` (pino's JSON lines as the processes write them, for a log tool).
   */
  LOG_FORMAT: z.enum(['pretty', 'json']).default('pretty'),
  /** Create demo accounts and data (never in production). */
  SEED_DEMO_DATA: flag(true),
});

export type DevstackConfig = z.infer<typeof schema> & { root: string };

export function loadConfig(env: Record<string, string | undefined>): DevstackConfig {
  const config = parseConfig(schema, env);
  return { ...config, SEED_DEMO_DATA: config.SEED_DEMO_DATA && config.NODE_ENV !== 'production', root: ROOT };
}
