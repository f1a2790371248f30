// Process entry of the animal subgraph: configuration, database, migrations, listen, graceful stop.
import { createDatabase, createPool, migrateToLatest } from '@supergraph/db';
import { createLogger, runMain, stopOnSignals } from '@supergraph/subgraph';
import { loadConfig } from './config';
import { migrations } from './db/migrations';
import { createAnimalServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger('animal', config.LOG_LEVEL);
  const pool = createPool({ connectionString: config.DATABASE_URL, applicationName: 'animal' });
  const applied = await migrateToLatest(createDatabase(pool), migrations);
  if (applied.length) logger.info({ migrations: applied }, 'applied migrations');
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
