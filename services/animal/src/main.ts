// Process entry of the animal subgraph: configuration, database, migrations, listen, graceful stop.
import { loadServiceKeys, createClaimsTrust, jwksUrlOf } from '@supergraph/auth';
import { connectRedis, createLogger, openMigratedDatabase, runMain, stopOnSignals } from '@supergraph/subgraph';
import { loadConfig } from './config';
import { migrations } from './db/migrations';
import { createAnimalServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger('animal', config.LOG_LEVEL);
  const { pool } = await openMigratedDatabase('animal', config.DATABASE_URL, migrations, logger);
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, logger) : undefined;
  const server = createAnimalServer({
    pool,
    keys: loadServiceKeys({
      issuer: 'animal',
      privateKeyPem: config.CLAIMS_SIGNING_KEY,
      retiredKeyPem: config.CLAIMS_SIGNING_KEY_RETIRED,
      devKeysDir: config.DEV_KEYS_DIR,
    }),
    claims: createClaimsTrust({
      name: 'animal',
      gateway: config.GATEWAY_JWKS_URL,
      callers: { zoo: config.ZOO_JWKS_URL ?? jwksUrlOf(config.ZOO_SERVICE_URL) },
      ...(redis && { redis }),
    }),
    zooService: { url: config.ZOO_SERVICE_URL, timeoutMs: config.ZOO_SERVICE_TIMEOUT_MS },
    logger,
    production: config.production,
    slowOperationMs: config.SLOW_OPERATION_MS,
  });
  await server.listen(config.PORT, config.HOST);
  stopOnSignals(async () => {
    await server.stop();
    redis?.disconnect();
  }, logger);
}

runMain(main);
