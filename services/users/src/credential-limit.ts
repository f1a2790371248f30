// Credential mutations (login, register, refreshToken, updateMe with a password) per client address: each
// costs a password hash or a session, so one address gets a few a minute, counted across replicas.
import type pg from 'pg';
import { clientKeyOf } from './client-address';
import { consumeOrRefuse, postgresLimiter } from './rate-limit-store';

export interface CredentialLimitSettings {
  /** Credential mutations one address may send per window. */
  attempts: number;
  windowSeconds: number;
}

export interface CredentialLimit {
  /**
   * Spends one attempt of the client's address; throws RATE_LIMITED when none is left. A request with no
   * client address (a service's own call) is not counted: there is no client to count.
   */
  consume(clientAddress: string | undefined): Promise<void>;
}

export function createCredentialLimit(pool: pg.Pool, settings: CredentialLimitSettings): CredentialLimit {
  const limiter = postgresLimiter(pool, {
    keyPrefix: 'credentials',
    points: settings.attempts,
    durationSeconds: settings.windowSeconds,
  });
  return {
    async consume(clientAddress) {
      const key = clientKeyOf(clientAddress);
      if (key) await consumeOrRefuse(limiter, key, 'Too many sign-in attempts from your address; try again later');
    },
  };
}
