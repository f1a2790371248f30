// The gateway's configuration, parsed once from the environment by main.ts.
import path from 'node:path';
import { logLevel, nodeEnv, parseConfig, port, resolveSecrets, httpUrl, z } from '@supergraph/config';
import { DEVELOPMENT_CLAIMS_SECRET } from '@supergraph/auth';

const schema = z.object({
  NODE_ENV: nodeEnv,
  PORT: port(4000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: logLevel,
  /** The composed supergraph (`npm run compose` writes it); reloaded when it changes or on SIGHUP. */
  SUPERGRAPH_SDL_FILE: z.string().default(path.resolve(__dirname, '../../supergraph.graphql')),
  /** Where the users service publishes its token-signing keys. */
  USERS_JWKS_URL: httpUrl.default('http://localhost:4001/.well-known/jwks.json'),
  JWT_ISSUER: z.string().min(1).default('supergraph-users'),
  JWT_AUDIENCE: z.string().min(1).default('supergraph'),
});

export type GatewayConfig = z.infer<typeof schema> & {
  production: boolean;
  INTERNAL_CLAIMS_SECRET: string;
  /** Routing URL overrides by subgraph name, from SUBGRAPH_<NAME>_URL (e.g. inside docker-compose). */
  subgraphUrls: Record<string, string>;
};

export function loadConfig(env: Record<string, string | undefined>): GatewayConfig {
  const config = parseConfig(schema, env);
  const production = config.NODE_ENV === 'production';
  const secrets = resolveSecrets(env, production, { INTERNAL_CLAIMS_SECRET: DEVELOPMENT_CLAIMS_SECRET });
  const overrides = Object.fromEntries(
    Object.entries(env).filter(([name, value]) => /^SUBGRAPH_[A-Z0-9_]+_URL$/.test(name) && value),
  ) as Record<string, string>;
  const subgraphUrls = parseConfig(z.record(z.string(), httpUrl), overrides);
  return {
    ...config,
    ...secrets,
    production,
    subgraphUrls: Object.fromEntries(
      Object.entries(subgraphUrls).map(([name, url]) => [name.slice('SUBGRAPH_'.length, -'_URL'.length).toLowerCase(), url]),
    ),
  };
}
