// Process entry of the puzzle subgraph: configuration, database, migrations, scheduled jobs, listen,
// graceful stop.
import { createClaimsTrust } from '@supergraph/auth';
import { createScheduler } from '@supergraph/jobs';
import { connectRedis, createLogger, openMigratedDatabase, runMain, stopOnSignals } from '@supergraph/subgraph';
import { loadConfig } from './config';
import { migrations } from './db/migrations';
import type { Database } from './db/schema';
import { puzzleJobs } from './jobs';
import { createPuzzleServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger('puzzle', config.LOG_LEVEL);
  const { pool, db } = await openMigratedDatabase<Database>('puzzle', config.DATABASE_URL, migrations, logger);
  const scheduler = config.JOBS_ENABLED
    ? createScheduler({ connectionString: config.DATABASE_URL, jobs: puzzleJobs(db, logger), logger })
    : undefined;
  await scheduler?.start();
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, logger) : undefined;
  const server = createPuzzleServer({
    pool,
    claims: createClaimsTrust({ name: 'puzzle', gateway: config.GATEWAY_JWKS_URL, ...(redis && { redis }) }),
    answerSecret: config.ANSWER_SECRET,
    settings: {
      cooldown: {
        seconds: config.COOLDOWN_SECONDS,
        longSeconds: config.LONG_COOLDOWN_SECONDS,
        longAfter: config.LONG_COOLDOWN_AFTER_WRONG_ANSWERS,
      },
      maxLeaderboardMembers: config.MAX_LEADERBOARD_MEMBERS,
    },
    logger,
    production: config.production,
    slowOperationMs: config.SLOW_OPERATION_MS,
  });
  await server.listen(config.PORT, config.HOST);
  stopOnSignals(async () => {
    await scheduler?.stop();
    await server.stop();
    redis?.disconnect();
  }, logger);
}

runMain(main);
