// Process entry of the gateway: configuration, serve the composed supergraph file (reloading it when it
// changes), listen, stop on SIGTERM.
import { createAccessTokenVerifier } from '@supergraph/auth';
import { createLogger, runMain, stopOnSignals } from '@supergraph/subgraph';
import { loadConfig } from './config';
import { createGatewayServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const server = createGatewayServer({
    supergraph: { file: config.SUPERGRAPH_SDL_FILE },
    subgraphUrls: config.subgraphUrls,
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
