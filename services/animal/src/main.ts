// Process entry of the animal subgraph: configuration, database, migrations, listen, graceful stop.
import { createLogger, openMigratedDatabase, runMain, stopOnSignals } from '@supergraph/subgraph';
import { loadConfig } from './config';
import { migrations } from './db/migrations';
import { createAnimalServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger('animal', config.LOG_LEVEL);
  const { pool } = await openMigratedDatabase('animal', config.DATABASE_URL, migrations, logger);
  const server = createAnimalServer({
    pool,
    claimsKey: { secret: config.INTERNAL_CLAIMS_SECRET },
    zooService: { url: config.ZOO_SERVICE_URL, timeoutMs: config.ZOO_SERVICE_TIMEOUT_MS },
    logger,
    production: config.production,
    slowOperationMs: config.SLOW_OPERATION_MS,
  });
  await server.listen(config.PORT, config.HOST);
  stopOnSignals(() => server.stop(), logger);
}

runMain(main);
