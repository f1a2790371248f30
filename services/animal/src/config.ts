// The animal service's configuration, parsed once from the environment by main.ts.
import {
  claimsSigningVariables,
  httpUrl,
  parseConfig,
  requireInProduction,
  subgraphVariables,
  z,
} from '@supergraph/config';

const schema = z.object({
  ...subgraphVariables(4003),
  ZOO_SERVICE_URL: httpUrl.default('http://localhost:4002/graphql'),
  ZOO_SERVICE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  /** Where the zoo service publishes the keys it signs its calls with (default: next to ZOO_SERVICE_URL). */
  ZOO_JWKS_URL: httpUrl.optional(),
  ...claimsSigningVariables,
});

export type AnimalConfig = z.infer<typeof schema> & { production: boolean };

export function loadConfig(env: Record<string, string | undefined>): AnimalConfig {
  const config = parseConfig(schema, env);
  const production = config.NODE_ENV === 'production';
  requireInProduction(production, { CLAIMS_SIGNING_KEY: config.CLAIMS_SIGNING_KEY });
  return { ...config, production };
}
