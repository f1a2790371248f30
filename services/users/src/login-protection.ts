// Login protection after rate-limiter-flexible's "login endpoint protection", consume-first: an attempt spends
// its points BEFORE the password is checked, so concurrent guesses cannot all pass a check made before the
// first failure is counted. Two budgets, counted in Postgres for every replica:
// - consecutive failures per username AND client address: after `maxFailures`, that pair is locked out, for
//   `lockoutSeconds` the first time and twice as long at each further lockout (up to `maxLockoutSeconds`).
//   Only the address that failed is locked out: the account's owner, elsewhere, still logs in;
// - failures per client address (`addressMaxFailures` per window), whatever the usernames tried.
// A success clears the pair's failures and gives its point back to the address.
import type pg from 'pg';
import { clientKeyOf } from './client-address';
import { consumeOrRefuse, postgresLimiter } from './rate-limit-store';

export interface LoginProtectionSettings {
  /** Consecutive failures of one username from one address before that pair is locked out. */
  maxFailures: number;
  /** The first lockout; each further one doubles. */
  lockoutSeconds: number;
  /** The longest lockout; also how long failures and lockouts are remembered. */
  maxLockoutSeconds: number;
  /** Failures one address may have per window, across all usernames. */
  addressMaxFailures: number;
  addressWindowSeconds: number;
}

export interface LoginProtection {
  /**
   * Runs `check` (find the user, verify the password; null means the login failed) if this username from this
   * address, and this address, still have a failure to spend; else throws RATE_LIMITED without checking.
   */
  attempt<T>(username: string, clientAddress: string | undefined, check: () => Promise<T | null>): Promise<T | null>;
}

const TOO_MANY_FOR_ACCOUNT = 'Too many failed logins; try again later';
const TOO_MANY_FROM_ADDRESS = 'Too many failed logins from your address; try again later';

export function createLoginProtection(pool: pg.Pool, settings: LoginProtectionSettings): LoginProtection {
  const { maxFailures, lockoutSeconds, maxLockoutSeconds } = settings;
  const failuresByUserAndAddress = postgresLimiter(pool, {
    keyPrefix: 'login_fail_user_ip',
    points: maxFailures,
    durationSeconds: maxLockoutSeconds,
  });
  const lockoutsByUserAndAddress = postgresLimiter(pool, {
    keyPrefix: 'login_lockouts_user_ip',
    points: 2 ** 31 - 1, // only counted
    durationSeconds: maxLockoutSeconds,
  });
  const failuresByAddress = postgresLimiter(pool, {
    keyPrefix: 'login_fail_ip',
    points: settings.addressMaxFailures,
    durationSeconds: settings.addressWindowSeconds,
  });

  return {
    async attempt(username, clientAddress, check) {
      const address = clientKeyOf(clientAddress);
      // Without an address (no client: a service's own call) the pair is the username alone.
      const pair = `${username.toLowerCase()}|${address ?? '-'}`;
      const spent = await consumeOrRefuse(failuresByUserAndAddress, pair, TOO_MANY_FOR_ACCOUNT);
      if (address) {
        try {
          await consumeOrRefuse(failuresByAddress, address, TOO_MANY_FROM_ADDRESS);
        } catch (error) {
          await failuresByUserAndAddress.reward(pair, 1);
          throw error;
        }
      }
      const giveBack = () =>
        Promise.all([failuresByUserAndAddress.reward(pair, 1), address && failuresByAddress.reward(address, 1)]);

      let result: Awaited<ReturnType<typeof check>>;
      try {
        result = await check();
      } catch (error) {
        // Not checked after all (no hash slot, say): neither budget pays for it.
        await giveBack();
        throw error;
      }
      if (result !== null) {
        await Promise.all([
          failuresByUserAndAddress.delete(pair),
          lockoutsByUserAndAddress.delete(pair),
          address && failuresByAddress.reward(address, 1),
        ]);
        return result;
      }
      // The atomic counter hands out each point once: exactly one attempt spends the last, and when it fails,
      // it starts the lockout (the attempts after it are already refused by consume).
      if (spent.consumedPoints >= maxFailures) {
        const { consumedPoints: lockouts } = await lockoutsByUserAndAddress.consume(pair);
        const seconds = Math.min(lockoutSeconds * 2 ** Math.min(lockouts - 1, 30), maxLockoutSeconds);
        await failuresByUserAndAddress.block(pair, seconds);
      }
      return null;
    },
  };
}
