// Each claims header is accepted once: its `jti` is remembered until the header expires. In memory for one
// process, or in Redis (SET NX with the same expiry) so that every replica of a subgraph shares the memory.

export interface ReplayGuard {
  /** True the first time a jti is seen before `expiresAt` (seconds since the epoch); false on any replay. */
  firstUse(jti: string, expiresAt: number): Promise<boolean>;
}

export function memoryReplayGuard(): ReplayGuard {
  const seen = new Map<string, number>();
  let nextSweep = 0;
  return {
    async firstUse(jti, expiresAt) {
      const now = Date.now() / 1000;
      if (now >= nextSweep) {
        // Forget what has expired (an expired header is refused before it gets here anyway).
        for (const [id, expiry] of seen) if (expiry <= now) seen.delete(id);
        nextSweep = now + 10;
      }
      if (seen.has(jti)) return false;
      seen.set(jti, expiresAt);
      return true;
    },
  };
}

/** The part of a Redis client (ioredis) the guard uses. */
export interface RedisSetNx {
  set(key: string, value: string, expiryMode: 'PX', milliseconds: number, mode: 'NX'): Promise<unknown>;
}

export function redisReplayGuard(redis: RedisSetNx, prefix = 'supergraph:claims-jti:'): ReplayGuard {
  return {
    async firstUse(jti, expiresAt) {
      const ttlMs = Math.max(1_000, Math.ceil(expiresAt * 1000 - Date.now()) + 5_000);
      return (await redis.set(`${prefix}${jti}`, '1', 'PX', ttlMs, 'NX')) === 'OK';
    },
  };
}
