// One way to open Redis for a service (the gateway's rate limits, a subgraph's shared replay memory): commands
// fail fast while disconnected rather than queue, connection trouble is logged instead of crashing, and the
// start waits (a few seconds at most) for the first connection so the first requests find it ready.
import { once } from 'node:events';
import { Redis } from 'ioredis';
import type { Logger } from './logger';

export async function connectRedis(url: string, logger: Logger, waitMs = 5_000): Promise<Redis> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', (error) => logger.warn({ err: error }, 'redis error'));
  await Promise.race([once(redis, 'ready'), new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
  if (redis.status !== 'ready')
    logger.warn({ url: new URL(url).host }, 'redis is not answering yet; continuing without waiting');
  return redis;
}
