// Live updates through Redis pub/sub, for deployments that prefer it to LISTEN connections on the database
// (a pooler in transaction mode, many replicas). Redis takes no part in the change's transaction, so messages
// go out after the commit: nothing for a rollback, and at most once — a replica that stops between its
// commit and the PUBLISH loses those updates, which live updates may (clients refetch when they reconnect).
import type { Redis } from 'ioredis';
import type { Logger } from '@supergraph/runtime';
import type { LiveTransport, TransportListener } from './transport';

export interface RedisTransportOptions {
  /** The service's Redis client: it publishes; a duplicate of it subscribes (a subscribing client can do nothing else). */
  redis: Redis;
  channel: string;
  logger: Logger;
}

/** Redis takes far larger messages; live updates carry ids, and the same cap as Postgres keeps them honest. */
const MAX_MESSAGE_BYTES = 7_900;
const SUBSCRIBE_WAIT_MS = 5_000;

export function redisTransport(options: RedisTransportOptions): LiveTransport {
  const { redis, channel, logger } = options;
  let subscriber: Redis | undefined;

  return {
    delivery: 'after-commit',
    maxMessageBytes: MAX_MESSAGE_BYTES,
    async send(messages) {
      // One round trip; a failure is the caller's to log (the change has committed and stays).
      const pipeline = redis.pipeline();
      for (const message of messages) pipeline.publish(channel, message);
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error);
      if (failed) throw failed[0];
    },
    async listen(listener: TransportListener) {
      // Its own connection, queueing commands while it (re)connects; ioredis subscribes again after a reconnect.
      const client = redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
      subscriber = client;
      let ready = false;
      client.on('error', (error: Error) => logger.warn({ err: error, channel }, 'live updates: redis error'));
      client.on('ready', () => {
        ready = true;
      });
      client.on('close', () => {
        if (!ready || subscriber !== client) return;
        ready = false;
        listener.interrupted(new Error('The Redis subscription connection was lost'));
      });
      client.on('message', (from: string, message: string) => {
        if (from === channel) listener.message(message);
      });
      // Waits for the subscription a few seconds at most: with Redis down the service still starts (ioredis
      // keeps trying, and subscribes once it gets through).
      const subscribed = client.subscribe(channel).catch((error: Error) => {
        logger.warn({ err: error, channel }, 'live updates: redis subscribe failed');
      });
      await Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, SUBSCRIBE_WAIT_MS).unref())]);
    },
    async close() {
      const client = subscriber;
      subscriber = undefined;
      client?.disconnect();
    },
  };
}
