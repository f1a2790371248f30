// Process entry of the zoo subgraph: configuration, database, migrations, listen, graceful stop.
import { createLogger, openMigratedDatabase, runMain, stopOnSignals } from '@supergraph/subgraph';
import { loadConfig } from './config';
import { migrations } from './db/migrations';
import { createZooServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger('zoo', config.LOG_LEVEL);
  const { pool } = await openMigratedDatabase('zoo', config.DATABASE_URL, migrations, logger);
  const server = createZooServer({
    pool,
    claimsKey: { secret: config.INTERNAL_CLAIMS_SECRET },
    animalService: { url: config.ANIMAL_SERVICE_URL, timeoutMs: config.ANIMAL_SERVICE_TIMEOUT_MS },
    logger,
    production: config.production,
    slowOperationMs: config.SLOW_OPERATION_MS,
  });
  await server.listen(config.PORT, config.HOST);
  stopOnSignals(() => server.stop(), logger);
}

runMain(main);
