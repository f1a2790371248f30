// Request rate limits per caller (the user when signed in, the IP address otherwise): a token bucket with
// a steady rate and a burst allowance, from rate-limiter-flexible. In memory by default; in Redis when a
// client is given, so every gateway replica draws on one budget. When Redis fails (down, unreachable, a
// command error), an in-memory insurance limiter with the same budget decides instead, per replica: requests
// go on, still limited, and a metric and a warning say so. Redis answering again takes over by itself.
import type { Redis } from 'ioredis';
import { Counter, Gauge, type Registry } from 'prom-client';
import {
  BurstyRateLimiter,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type IRateLimiterOptions,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { RateLimited } from '@supergraph/errors';
import type { Logger } from '@supergraph/runtime';
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
  /** Adds the limiter's metrics (shared-store errors, insurance in use) to the gateway's registry. */
  registerMetrics?(registry: Registry): void;
}

/** What the limiter reports about its shared store. */
type StoreLogger = Pick<Logger, 'warn' | 'info'>;

/**
 * The in-memory limiter that stands in for Redis. rate-limiter-flexible calls it only when a Redis call has
 * failed, so each call is a store error. (main.ts's client, from connectRedis, has no offline queue: while the
 * connection is down a call fails at once rather than waiting for it.)
 */
class InsuranceLimiter extends RateLimiterMemory {
  constructor(
    options: IRateLimiterOptions,
    private readonly onStoreError: () => void,
  ) {
    super(options);
  }

  override consume(...args: Parameters<RateLimiterMemory['consume']>): Promise<RateLimiterRes> {
    this.onStoreError();
    return super.consume(...args);
  }
}

export function createRequestRateLimiter(
  settings: RateLimitSettings,
  redis?: Redis,
  logger?: StoreLogger,
): RequestRateLimiter {
  const storeErrors = new Counter({
    name: 'supergraph_rate_limit_store_errors_total',
    help: 'Rate-limit checks the shared store (Redis) failed; the in-memory insurance limiter decided them.',
    registers: [],
  });
  // True from the first failed check until Redis is ready again.
  let insured = false;
  const insuranceActive = new Gauge({
    name: 'supergraph_rate_limit_insurance_active',
    help: '1 while the shared rate-limit store is failing and each replica limits from its own memory.',
    registers: [],
    collect() {
      this.set(insured ? 1 : 0);
    },
  });
  const onStoreError = () => {
    storeErrors.inc();
    if (insured) return;
    insured = true;
    logger?.warn(
      { redisStatus: redis?.status },
      'rate-limit store (Redis) failing: each gateway replica now limits from its own memory',
    );
  };
  redis?.on('ready', () => {
    if (!insured) return;
    insured = false;
    logger?.info('rate-limit store (Redis) answering again: budgets are shared again');
  });

  const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({
          storeClient: redis,
          keyPrefix,
          points,
          duration,
          useRedisPackage: false,
          insuranceLimiter: new InsuranceLimiter(
            { keyPrefix: `${keyPrefix}-insurance`, points, duration },
            onStoreError,
          ),
        })
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
        if (!(rejection instanceof RateLimiterRes)) throw rejection; // not a verdict: a bug, not the caller's fault
        const retryAfter = rejection.msBeforeNext / 1000;
        throw new RateLimited(retryAfter, 'Too many requests; slow down', { http: true });
      }
    },
    registerMetrics(registry) {
      if (!redis) return;
      registry.registerMetric(storeErrors);
      registry.registerMetric(insuranceActive);
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
