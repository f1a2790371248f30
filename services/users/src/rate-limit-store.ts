// Counters shared by every replica of the users service: rate-limiter-flexible's Postgres store on the
// service's own pool, in the `login_throttle` table its migrations create (one table, a key prefix each).
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimited } from '@supergraph/errors';

export function postgresLimiter(
  pool: pg.Pool,
  options: { keyPrefix: string; points: number; durationSeconds: number },
): RateLimiterPostgres {
  return new RateLimiterPostgres({
    storeClient: pool,
    storeType: 'pool',
    tableName: 'login_throttle',
    tableCreated: true,
    // The purge job deletes expired rows (src/jobs.ts); no timer per limiter.
    clearExpiredByTimeout: false,
    keyPrefix: options.keyPrefix,
    points: options.points,
    duration: options.durationSeconds,
  });
}

/**
 * Consumes a point; a spent budget becomes RATE_LIMITED with the wait until it refills (a store error is
 * not a spent budget, and propagates as one).
 */
export async function consumeOrRefuse(limiter: RateLimiterPostgres, key: string, message: string) {
  try {
    return await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw new RateLimited(error.msBeforeNext / 1000, message);
    throw error;
  }
}
