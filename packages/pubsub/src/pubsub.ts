// A service's live updates: what a change publishes reaches the subscribers of its topic on every replica once
// the change commits, and nothing of it if the change rolls back. Messages are small (a topic and ids: the
// subscription's resolvers load the data), travel on one channel per service through a transport
// (Postgres NOTIFY by default, Redis when configured), and each replica fans them out to its own subscribers.
import type { Kysely, Transaction } from 'kysely';
import { ServiceUnavailable } from '@supergraph/errors';
import type { Logger } from '@supergraph/runtime';
import { createEventQueue, type EventQueue } from './event-stream';
import type { LiveTransport } from './transport';

/** Publishes `payload` to the subscribers of `topic`, once the surrounding transaction commits. */
export type Publish = (topic: string, payload: object) => void;

export interface PubSub {
  /**
   * Runs `work` in a transaction of `db`; what it publishes goes out with the commit (in it, or right after
   * it, depending on the transport) and never for a rollback.
   */
  transaction<Database, T>(
    db: Kysely<Database>,
    work: (trx: Transaction<Database>, publish: Publish) => Promise<T>,
  ): Promise<T>;
  /** The payloads published to `topic` from now on, on any replica; return() unsubscribes. */
  subscribe<Payload extends object>(topic: string): AsyncIterableIterator<Payload>;
  /** How many subscriptions are open on this replica. */
  readonly subscriptions: number;
  /** Starts receiving; resolves once this replica hears the channel. */
  start(): Promise<void>;
  /** Completes every open subscription and stops receiving. */
  close(): Promise<void>;
}

export interface PubSubOptions {
  transport: LiveTransport;
  logger: Logger;
  /** Events a subscriber may have waiting; past that it is dropped with a retryable error (default 100). */
  maxBacklog?: number;
}

export function createPubSub(options: PubSubOptions): PubSub {
  const { transport, logger } = options;
  const maxBacklog = options.maxBacklog ?? 100;
  const topics = new Map<string, Set<EventQueue<object>>>();
  let open = 0;
  let closed = false;

  const encode = (topic: string, payload: object) => {
    const message = JSON.stringify([topic, payload]);
    if (Buffer.byteLength(message) > transport.maxMessageBytes)
      throw new Error(`A live update on ${topic} is over ${transport.maxMessageBytes} bytes: publish ids, not data`);
    return message;
  };

  function deliver(text: string) {
    let topic: unknown;
    let payload: unknown;
    try {
      [topic, payload] = JSON.parse(text) as unknown[];
    } catch {
      logger.warn({ text: text.slice(0, 200) }, 'live updates: ignored a message that is not JSON');
      return;
    }
    if (typeof topic !== 'string' || typeof payload !== 'object' || payload === null) return;
    for (const queue of topics.get(topic) ?? []) {
      // A subscriber that cannot keep up is cut off rather than buffered without bound; it may subscribe again.
      if (queue.backlog >= maxBacklog)
        queue.fail(new ServiceUnavailable('This subscription fell too far behind its events; subscribe again'));
      else queue.push(payload);
    }
  }

  /** The channel had a gap: every stream open now may have missed events, and says so instead of going quiet. */
  function interrupted() {
    for (const queues of topics.values())
      for (const queue of queues) queue.fail(new ServiceUnavailable('Live updates were interrupted; subscribe again'));
  }

  return {
    async transaction(db, work) {
      const messages: string[] = [];
      const publish: Publish = (topic, payload) => void messages.push(encode(topic, payload));
      const result = await db.transaction().execute(async (trx) => {
        const value = await work(trx, publish);
        if (messages.length && transport.delivery === 'in-transaction') await transport.send(messages, trx);
        return value;
      });
      if (messages.length && transport.delivery === 'after-commit') {
        // The change has committed and stands; a lost update is logged, never turned into a failed mutation.
        await transport.send(messages, db).catch((error: unknown) => {
          logger.error({ err: error, count: messages.length }, 'live updates: publishing after the commit failed');
        });
      }
      return result;
    },
    subscribe<Payload extends object>(topic: string) {
      const queue = createEventQueue<Payload>(() => {
        open--;
        const queues = topics.get(topic);
        queues?.delete(queue as EventQueue<object>);
        if (queues?.size === 0) topics.delete(topic);
      });
      open++;
      if (closed) queue.end();
      else topics.set(topic, (topics.get(topic) ?? new Set()).add(queue as EventQueue<object>));
      return queue;
    },
    get subscriptions() {
      return open;
    },
    start() {
      return transport.listen({ message: deliver, interrupted });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const queues of [...topics.values()]) for (const queue of [...queues]) queue.end();
      await transport.close();
    },
  };
}
