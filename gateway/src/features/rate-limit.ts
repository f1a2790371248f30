// Request rate limits per caller (the user when signed in, the IP address otherwise): a token bucket with
// a steady rate and a burst allowance, from rate-limiter-flexible. In memory by default; in Redis when a
// client is given, so every gateway replica draws on one budget.
import type { Redis } from 'ioredis';
import {
  BurstyRateLimiter,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { RateLimited } from '@supergraph/errors';
import type { GatewayFeature } from './feature';

export interface RateLimitSettings {
  /** Requests per second a caller may make on average. */
  perSecond: number;
  /** Extra requests a caller may make in a burst, refilled over `burstWindowSeconds`. */
  burst: number;
  burstWindowSeconds: number;
  /** Namespaces the counters (in Redis, shared by every gateway with the same prefix). */
  keyPrefix?: string;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = { perSecond: 20, burst: 100, burstWindowSeconds: 10 };

export interface RequestRateLimiter {
  /** Takes one request from the caller's budget; throws RATE_LIMITED (HTTP 429, retryAfter) when it is spent. */
  consume(caller: string): Promise<void>;
}

export function createRequestRateLimiter(settings: RateLimitSettings, redis?: Redis): RequestRateLimiter {
  const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration, useRedisPackage: false })
      : new RateLimiterMemory({ keyPrefix, points, duration });
  const limiter = new BurstyRateLimiter(
    make(`${settings.keyPrefix ?? 'gateway'}-rate`, settings.perSecond, 1),
    make(`${settings.keyPrefix ?? 'gateway'}-burst`, settings.burst, settings.burstWindowSeconds),
  );
  return {
    async consume(caller) {
      try {
        await limiter.consume(caller);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection; // the store failed: not the caller's fault
        const retryAfter = rejection.msBeforeNext / 1000;
        throw new RateLimited(retryAfter, 'Too many requests; slow down', { http: true });
      }
    },
  };
}

/** Spends one request of the caller's budget as each request's context is built; no limiter: unlimited. */
export function rateLimit(limiter: RequestRateLimiter | undefined): GatewayFeature {
  return {
    name: 'rate-limit',
    // A refused token is spent from the address's budget too (viewer null), so guessing tokens is rate-limited.
    context: async ({ address, viewer }) => limiter?.consume(viewer ? `user:${viewer.id}` : `ip:${address}`),
  };
}
