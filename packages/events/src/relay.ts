// The producer's side: a transactional outbox and the relay that empties it.
//
// publish(trx, events) runs inside the transaction that makes the change. It writes each event and one
// delivery row per subscriber (outbox tables), and enqueues one pg-boss job per subscriber through the same
// transaction — so the change, the event and the work to deliver it commit together or not at all, and a
// producer that stops right after the commit delivers on its next start.
//
// pg-boss runs the deliveries: one queue per subscriber (`events-to-<subscriber>`) with the
// key_strict_fifo policy keyed by the aggregate, so a subscriber sees one aggregate's events in order, a
// failing delivery holds back only that aggregate's later events, and retries back off exponentially (up to
// a minute apart) for as long as it takes. Every replica runs the workers; pg-boss hands each job to one.
// A delivery is a POST of the event to the subscriber's /events, signed with this service's key for that
// audience (see @supergraph/auth service-operations.ts for who may send what to whom). Once delivered, the
// delivery row goes, and with the last one the event: nothing is kept that names the aggregate (a deleted
// user's id). The pg-boss job holds only the event id and a hash of the aggregate id.
//
// At larger scale a broker replaces this relay without touching publish's callers: a log-based relay
// (Debezium, or a loop reading outbox_events in order) writes each event to a NATS JetStream stream or a Kafka
// topic keyed by aggregate id (per-key order), each subscriber reads it with its own durable consumer, and
// the inbox keeps the effects exactly-once. The README's "Events" section says more.
import { createHash } from 'node:crypto';
import { CompiledQuery, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import { PgBoss, type Job } from 'pg-boss';
import { Counter, Gauge, type Registry } from 'prom-client';
import {
  CLAIMS_HEADER,
  SERVICE_EVENTS,
  eventDocument,
  requestDigest,
  signForwardedClaims,
  type ServiceKeys,
} from '@supergraph/auth';
import { createDatabase } from '@supergraph/db';
import type { Logger } from '@supergraph/runtime';
import type { DomainEvent } from './event';
import type { OutboxTables } from './tables';

export interface RelaySettings {
  /** false: events are accepted but not delivered (a producer stopped between commit and delivery, in tests). */
  deliver?: boolean;
  /** Longest wait between two attempts of a failing delivery (default 60 s; tests use 1). */
  retryDelayMaxSeconds?: number;
  /** How often an idle worker looks for work (default 0.5 s, pg-boss's shortest). */
  pollingIntervalSeconds?: number;
}

export interface EventRelayOptions extends RelaySettings {
  producer: string;
  /** The service's pool: pg-boss runs over it, in the service's own database (schema `pgboss`). */
  pool: pg.Pool;
  /** This service's claims-signing keys. */
  keys: ServiceKeys;
  /** Where each subscriber is: its GraphQL URL (deliveries go to /events next to it) and a deadline. */
  subscribers: Readonly<Record<string, { url: string; timeoutMs: number }>>;
  logger: Logger;
  /** The service's metrics registry, which gains the outbox's metrics. */
  registry: Registry;
}

export interface EventRelay {
  /** Writes events and their deliveries inside `trx`, the transaction that makes the change. */
  publish<Database>(trx: Transaction<Database>, events: DomainEvent[]): Promise<void>;
  start(): Promise<void>;
  /** Lets a delivery in progress finish, then stops. */
  stop(): Promise<void>;
}

const queueOf = (subscriber: string) => `events-to-${subscriber}`;
/** pg-boss orders jobs per key; a hash of the aggregate id keeps the id itself out of pg-boss's tables. */
const orderingKey = (event: DomainEvent) => createHash('sha256').update(event.aggregateId).digest('base64url');
/** Long enough to outlast any outage worth waiting for (about two years at a minute apart). */
const RETRY_LIMIT = 1_000_000;

export function subscribersOf(producer: string): string[] {
  return Object.values(SERVICE_EVENTS)
    .filter((route) => route.producer === producer)
    .flatMap((route) => route.subscribers as readonly string[])
    .filter((subscriber, index, all) => all.indexOf(subscriber) === index);
}

export function createEventRelay(options: EventRelayOptions): EventRelay {
  const { producer, logger } = options;
  // Its own handle on the service's pool (never destroyed here: the pool is the service's).
  const db = createDatabase<OutboxTables>(options.pool);
  const subscribers = subscribersOf(producer);
  for (const subscriber of subscribers) {
    if (!options.subscribers[subscriber])
      throw new Error(`${producer} delivers events to ${subscriber}: pass its address (peers.${subscriber})`);
  }
  const boss = new PgBoss({
    db: { executeSql: (text, values) => options.pool.query(text, values) },
    schema: 'pgboss',
  });
  boss.on('error', (error) => logger.error({ err: error }, 'event relay error'));
  let started: Promise<void> | undefined;
  let running = false;

  const deliveries = new Counter({
    name: 'events_deliveries_total',
    help: 'Event deliveries to subscribers, by outcome (delivered, failed).',
    labelNames: ['subscriber', 'type', 'outcome'],
    registers: [options.registry],
  });
  new Gauge({
    name: 'events_outbox_pending',
    help: 'Deliveries written to the outbox and not yet acknowledged by their subscriber.',
    registers: [options.registry],
    async collect() {
      const row = await db
        .selectFrom('outboxDeliveries')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .executeTakeFirst()
        .catch(() => undefined);
      this.set(Number(row?.count ?? 0));
    },
  });
  new Gauge({
    name: 'events_outbox_oldest_age_seconds',
    help: 'Age of the oldest event still owed to a subscriber (0 when the outbox is empty).',
    registers: [options.registry],
    async collect() {
      const row = await db
        .selectFrom('outboxEvents')
        .select((eb) => eb.fn.min('occurredAt').as('oldest'))
        .executeTakeFirst()
        .catch(() => undefined);
      this.set(row?.oldest ? Math.max(0, (Date.now() - new Date(row.oldest).getTime()) / 1000) : 0);
    },
  });

  async function deliver(subscriber: string, job: Job<{ eventId: string }>): Promise<void> {
    const event = await db
      .selectFrom('outboxEvents')
      .innerJoin('outboxDeliveries', 'outboxDeliveries.eventId', 'outboxEvents.id')
      .select(['id', 'type', 'aggregateId', 'occurredAt', 'version'])
      .where('outboxEvents.id', '=', job.data.eventId)
      .where('outboxDeliveries.subscriber', '=', subscriber)
      .executeTakeFirst();
    // Delivered already (this is a retry of a job whose completion was lost): nothing is owed.
    if (!event) return;
    const body: DomainEvent = {
      id: event.id,
      type: event.type as DomainEvent['type'],
      aggregateId: event.aggregateId,
      occurredAt: new Date(event.occurredAt).toISOString(),
      version: event.version,
    };
    const attempt = job.retryCount + 1;
    try {
      const target = options.subscribers[subscriber]!;
      const response = await fetch(new URL('/events', target.url), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [CLAIMS_HEADER]: signForwardedClaims(options.keys, {
            audience: subscriber,
            viewer: null,
            digest: requestDigest(eventDocument(body.type), body),
          }),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(target.timeoutMs),
      });
      if (!response.ok) throw new Error(`${subscriber} answered ${response.status}: ${await response.text()}`);
    } catch (error) {
      deliveries.inc({ subscriber, type: body.type, outcome: 'failed' });
      logger.warn(
        { eventId: body.id, type: body.type, subscriber, attempt, err: error },
        'event delivery failed; it will be retried',
      );
      throw error;
    }
    await db.transaction().execute(async (trx) => {
      // The event's other deliveries may finish at the same moment: lock the event row first, so that
      // whichever of them commits last sees no delivery left and deletes the event.
      await trx.selectFrom('outboxEvents').select('id').where('id', '=', body.id).forUpdate().execute();
      await trx
        .deleteFrom('outboxDeliveries')
        .where('eventId', '=', body.id)
        .where('subscriber', '=', subscriber)
        .execute();
      await trx
        .deleteFrom('outboxEvents')
        .where('id', '=', body.id)
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom('outboxDeliveries').select('eventId').where('eventId', '=', body.id))),
        )
        .execute();
    });
    deliveries.inc({ subscriber, type: body.type, outcome: 'delivered' });
  }

  return {
    async publish(trx, events) {
      if (!events.length) return;
      if (!running) throw new Error(`The ${producer} event relay is not started; events cannot be published`);
      await sql`
        insert into outbox_events (id, type, aggregate_id, occurred_at, version)
        values ${sql.join(
          events.map(
            (event) => sql`(${event.id}, ${event.type}, ${event.aggregateId}, ${event.occurredAt}, ${event.version})`,
          ),
        )}`.execute(trx);
      // pg-boss writes its jobs through the same transaction.
      const inTransaction = {
        executeSql: async (text: string, values?: unknown[]) =>
          trx.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, values ?? [])),
      };
      for (const event of events) {
        const to = SERVICE_EVENTS[event.type].subscribers as readonly string[];
        if (!to.length) continue;
        await sql`
          insert into outbox_deliveries (event_id, subscriber)
          values ${sql.join(to.map((subscriber) => sql`(${event.id}, ${subscriber})`))}`.execute(trx);
        for (const subscriber of to) {
          await boss.send(
            queueOf(subscriber),
            { eventId: event.id },
            { singletonKey: orderingKey(event), db: inTransaction },
          );
        }
      }
    },
    start() {
      started ??= (async () => {
        await boss.start();
        const retryDelayMax = options.retryDelayMaxSeconds ?? 60;
        for (const subscriber of subscribers) {
          const queue = {
            policy: 'key_strict_fifo',
            retryLimit: RETRY_LIMIT,
            retryDelay: 1,
            retryBackoff: true,
            retryDelayMax,
            expireInSeconds: 60,
            // Queued deliveries wait for as long as it takes; done ones hold no personal data and go in a day.
            retentionSeconds: 3 * 365 * 24 * 3600,
            deleteAfterSeconds: 24 * 3600,
          } as const;
          await boss.createQueue(queueOf(subscriber), queue);
          const { policy: _policy, ...settings } = queue;
          await boss.updateQueue(queueOf(subscriber), settings);
          if (options.deliver === false) continue;
          await boss.work<{ eventId: string }>(
            queueOf(subscriber),
            // Up to 20 at a time, fetched again at once while batches come back full. key_strict_fifo hands
            // out only the head of each aggregate, so a batch never holds two events of one aggregate.
            {
              batchSize: 20,
              burstWhenBatchFull: true,
              pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5,
            },
            async (jobs) => {
              const outcomes = await Promise.allSettled(jobs.map((job) => deliver(subscriber, job)));
              // One failure fails the batch: pg-boss retries it, and what was delivered is skipped then
              // (its delivery row is gone), so nothing is sent twice.
              const failed = outcomes.find((outcome) => outcome.status === 'rejected');
              if (failed) throw failed.reason;
            },
          );
        }
        running = true;
        logger.info({ subscribers, deliver: options.deliver !== false }, 'event relay started');
      })();
      return started;
    },
    async stop() {
      if (!started) return;
      await started.catch(() => undefined);
      running = false;
      await boss.stop({ graceful: true, close: false, timeout: 5_000 });
    },
  };
}
