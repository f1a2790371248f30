// Throttles failed logins per username with rate-limiter-flexible, counted in Postgres so every replica of
// the users service shares the same counters.
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimited } from '@supergraph/errors';

export interface LoginThrottle {
  /** Throws RATE_LIMITED while the username is locked out. */
  assertAllowed(username: string): Promise<void>;
  recordFailure(username: string): Promise<void>;
  recordSuccess(username: string): Promise<void>;
}

export function createLoginThrottle(
  pool: pg.Pool,
  { maxFailures, lockoutSeconds }: { maxFailures: number; lockoutSeconds: number },
): LoginThrottle {
  const limiter = new RateLimiterPostgres({
    storeClient: pool,
    storeType: 'pool',
    tableName: 'login_throttle',
    tableCreated: true, // created by the service's migrations
    clearExpiredByTimeout: false,
    keyPrefix: 'login',
    points: maxFailures,
    duration: lockoutSeconds,
  });
  const keyOf = (username: string) => username.toLowerCase();
  return {
    async assertAllowed(username) {
      const state = await limiter.get(keyOf(username));
      if (state && state.consumedPoints >= maxFailures)
        throw new RateLimited(state.msBeforeNext / 1000, 'Too many failed logins; try again later');
    },
    async recordFailure(username) {
      try {
        await limiter.consume(keyOf(username));
      } catch (error) {
        // A rejection only says the budget is spent, which assertAllowed reports on the next attempt.
        if (!(error instanceof RateLimiterRes)) throw error;
      }
    },
    async recordSuccess(username) {
      await limiter.delete(keyOf(username));
    },
  };
}
