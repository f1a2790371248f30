// Process entry of the gateway: configuration, compose the supergraph from supergraph.yaml, listen, stop on SIGTERM.
import { createAccessTokenVerifier } from '@supergraph/auth';
import { createLogger, runMain, stopOnSignals } from '@supergraph/subgraph';
import { loadConfig } from './config';
import { createGatewayServer } from './server';
import { composeFromFiles, readSupergraphConfig } from '@supergraph/composition';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const subgraphs = readSupergraphConfig(config.SUPERGRAPH_CONFIG).map((subgraph) => ({
    ...subgraph,
    url: config.subgraphUrls[subgraph.name] ?? subgraph.url,
  }));
  const server = createGatewayServer({
    supergraphSdl: composeFromFiles(subgraphs),
    verifier: createAccessTokenVerifier({
      jwksUri: config.USERS_JWKS_URL,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
    }),
    claimsKey: { secret: config.INTERNAL_CLAIMS_SECRET },
    logger,
    production: config.production,
  });
  await server.listen(config.PORT, config.HOST);
  stopOnSignals(() => server.stop(), logger);
}

runMain(main);
