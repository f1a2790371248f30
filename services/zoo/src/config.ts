// The zoo service's configuration, parsed once from the environment by main.ts.
import {
  claimsSigningVariables,
  httpUrl,
  parseConfig,
  requireInProduction,
  subgraphVariables,
  z,
} from '@supergraph/config';

const schema = z.object({
  ...subgraphVariables(4002),
  ANIMAL_SERVICE_URL: httpUrl.default('http://localhost:4003/graphql'),
  ANIMAL_SERVICE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  /** Where the animal service publishes the keys it signs its calls with (default: next to ANIMAL_SERVICE_URL). */
  ANIMAL_JWKS_URL: httpUrl.optional(),
  ...claimsSigningVariables,
});

export type ZooConfig = z.infer<typeof schema> & { production: boolean };

export function loadConfig(env: Record<string, string | undefined>): ZooConfig {
  const config = parseConfig(schema, env);
  const production = config.NODE_ENV === 'production';
  requireInProduction(production, { CLAIMS_SIGNING_KEY: config.CLAIMS_SIGNING_KEY });
  return { ...config, production };
}
