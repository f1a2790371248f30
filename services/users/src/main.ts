// Process entry of the users subgraph: configuration, database, migrations, keys, listen, graceful stop.
import { loadOrCreateDevSigningKey, signingKeyFromPem, createClaimsTrust } from '@supergraph/auth';
import { createScheduler } from '@supergraph/jobs';
import { connectRedis, createLogger, openMigratedDatabase, runMain, stopOnSignals } from '@supergraph/subgraph';
import { loadConfig } from './config';
import { migrations } from './db/migrations';
import type { Database } from './db/schema';
import { usersJobs } from './jobs';
import { seedDemoUsers } from './seed';
import { createUsersServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger('users', config.LOG_LEVEL);
  const { pool, db: setupDb } = await openMigratedDatabase<Database>('users', config.DATABASE_URL, migrations, logger);
  if (config.SEED_DEMO_DATA) {
    const created = await seedDemoUsers(setupDb);
    if (created.length) logger.info({ users: created }, 'created demo accounts');
  }
  const scheduler = config.JOBS_ENABLED
    ? createScheduler({
        connectionString: config.DATABASE_URL,
        jobs: usersJobs(setupDb, logger),
        logger,
        name: 'users',
      })
    : undefined;
  await scheduler?.start();
  const signingKey = config.JWT_PRIVATE_KEY
    ? signingKeyFromPem(config.JWT_PRIVATE_KEY, config.JWT_KEY_ID)
    : loadOrCreateDevSigningKey(config.DEV_KEYS_DIR);
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, logger) : undefined;
  const server = createUsersServer({
    pool,
    sessions: {
      signingKey,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
    },
    claims: createClaimsTrust({ name: 'users', gateway: config.GATEWAY_JWKS_URL, ...(redis && { redis }) }),
    loginThrottle: { maxFailures: config.LOGIN_MAX_FAILURES, lockoutSeconds: config.LOGIN_LOCKOUT_SECONDS },
    logger,
    production: config.production,
    slowOperationMs: config.SLOW_OPERATION_MS,
  });
  await server.listen(config.PORT, config.HOST);
  // Jobs first: a running job may still need the pool the server closes.
  stopOnSignals(async () => {
    await scheduler?.stop();
    await server.stop();
    redis?.disconnect();
  }, logger);
}

runMain(main);
