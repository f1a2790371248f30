// Process entry of the zoo subgraph: configuration, database, migrations, listen, graceful stop.
import { loadServiceKeys, createClaimsTrust, jwksUrlOf } from '@supergraph/auth';
import { connectRedis, createLogger, openMigratedDatabase, runMain, stopOnSignals } from '@supergraph/subgraph';
import { loadConfig } from './config';
import { migrations } from './db/migrations';
import { createZooServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger('zoo', config.LOG_LEVEL);
  const { pool } = await openMigratedDatabase('zoo', config.DATABASE_URL, migrations, logger);
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, logger) : undefined;
  const server = createZooServer({
    pool,
    keys: loadServiceKeys({
      issuer: 'zoo',
      privateKeyPem: config.CLAIMS_SIGNING_KEY,
      retiredKeyPem: config.CLAIMS_SIGNING_KEY_RETIRED,
      devKeysDir: config.DEV_KEYS_DIR,
    }),
    claims: createClaimsTrust({
      name: 'zoo',
      gateway: config.GATEWAY_JWKS_URL,
      callers: { animal: config.ANIMAL_JWKS_URL ?? jwksUrlOf(config.ANIMAL_SERVICE_URL) },
      ...(redis && { redis }),
    }),
    animalService: { url: config.ANIMAL_SERVICE_URL, timeoutMs: config.ANIMAL_SERVICE_TIMEOUT_MS },
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
