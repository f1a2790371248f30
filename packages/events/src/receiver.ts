// The subscriber's side: POST /events, next to the subgraph's /graphql on the same port but never routed by
// the gateway (it forwards GraphQL to /graphql only). A delivery is accepted only with claims signed by the
// event's declared producer for this audience and bound to this exact body; it is applied inside one
// transaction that first records the event id in the inbox, so a redelivery changes nothing and an effect
// that fails leaves no trace (the producer retries).
import express, { type Router } from 'express';
import type { GraphQLError } from 'graphql';
import { sql, type Kysely, type Transaction } from 'kysely';
import { Counter, Histogram, type Registry } from 'prom-client';
import {
  CLAIMS_HEADER,
  eventDocument,
  operationHash,
  requestDigest,
  type ClaimsVerifier,
  type EventType,
  type VerifiedClaims,
} from '@supergraph/auth';
import {
  BadRequest,
  Forbidden,
  httpErrorResponse,
  NotFound,
  ServiceUnavailable,
  Unauthenticated,
} from '@supergraph/errors';
import type { Logger } from '@supergraph/runtime';
import { parseEvent, type DomainEvent } from './event';

/** Announces a live update to the subscriber's own subscriptions, once the event's transaction commits. */
export type PublishLiveUpdate = (topic: string, payload: object) => void;

/**
 * What a subscriber does with one event, inside the transaction that records it in the inbox; what it
 * publishes goes out with that commit, never for a rollback or a duplicate.
 */
export type EventHandler<Database, Type extends EventType = EventType> = (
  trx: Transaction<Database>,
  event: DomainEvent<Type>,
  publish: PublishLiveUpdate,
) => Promise<void>;

/** Runs `work` in a transaction of `db` whose live updates go out with its commit (a PubSub's transaction). */
export type LiveTransaction = <Database, T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>, publish: PublishLiveUpdate) => Promise<T>,
) => Promise<T>;

export type EventHandlers<Database> = { [Type in EventType]?: EventHandler<Database, Type> };

export interface EventReceiverOptions<Database> {
  subscriber: string;
  db: Kysely<Database>;
  /** The subgraph's claims trust: producers are in it for exactly the events they may deliver. */
  claims: ClaimsVerifier;
  handlers: EventHandlers<Database>;
  /** How each event's transaction runs; without one, handlers' live updates go nowhere. */
  transaction?: LiveTransaction;
  logger: Logger;
  registry: Registry;
}

type Refusal = { status: number; error: GraphQLError };

/** An express router serving POST /events for `subscriber`. */
export function createEventReceiver<Database>(options: EventReceiverOptions<Database>): Router {
  const { logger } = options;
  const received = new Counter({
    name: 'events_received_total',
    help: 'Events delivered to this service, by outcome (applied, duplicate, refused, failed).',
    labelNames: ['type', 'outcome'],
    registers: [options.registry],
  });
  const lag = new Histogram({
    name: 'events_inbox_lag_seconds',
    help: 'Time from an event happening in its producer to its effect here.',
    labelNames: ['type'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600],
    registers: [options.registry],
  });

  async function check(
    header: string | undefined,
    body: unknown,
  ): Promise<{ event: DomainEvent; producer: string } | Refusal> {
    let claims: VerifiedClaims;
    try {
      claims = await options.claims.verify(header);
    } catch (error) {
      return { status: 401, error: new Unauthenticated((error as Error).message) };
    }
    const event = parseEvent(body);
    if (typeof event === 'string') return { status: 400, error: new BadRequest(`Not an event: ${event}`) };
    // The gateway (trusted for any GraphQL operation) has no `operations`: it delivers no events.
    if (!claims.operations?.has(operationHash(eventDocument(event.type)))) {
      const message = `${claims.issuer} does not deliver ${event.type} to ${options.subscriber}`;
      return { status: 403, error: new Forbidden(message) };
    }
    if (claims.digest !== requestDigest(eventDocument(event.type), body)) {
      return { status: 401, error: new Unauthenticated('The claims were signed for another delivery') };
    }
    if (!options.handlers[event.type]) {
      return { status: 404, error: new NotFound(`${options.subscriber} has no handler for ${event.type}`) };
    }
    return { event, producer: claims.issuer };
  }

  const transaction: LiveTransaction =
    options.transaction ?? ((db, work) => db.transaction().execute((trx) => work(trx, () => undefined)));
  const router = express.Router();
  router.post('/events', express.json({ limit: '16kb' }), async (req, res) => {
    const checked = await check(req.header(CLAIMS_HEADER), req.body);
    if ('status' in checked) {
      received.inc({ type: 'unknown', outcome: 'refused' });
      logger.warn({ status: checked.status, reason: checked.error.message }, 'event delivery refused');
      res.status(checked.status).json(httpErrorResponse(checked.error).body);
      return;
    }
    const { event, producer } = checked;
    const handler = options.handlers[event.type] as EventHandler<Database>;
    try {
      const applied = await transaction(options.db, async (trx, publish) => {
        const recorded = await sql`
          insert into inbox_events (event_id, type, producer) values (${event.id}, ${event.type}, ${producer})
          on conflict (event_id) do nothing
          returning event_id`.execute(trx);
        if (!recorded.rows.length) return false;
        await handler(trx, event, publish);
        return true;
      });
      received.inc({ type: event.type, outcome: applied ? 'applied' : 'duplicate' });
      if (applied) lag.observe({ type: event.type }, Math.max(0, (Date.now() - Date.parse(event.occurredAt)) / 1000));
      res.status(204).end();
    } catch (error) {
      received.inc({ type: event.type, outcome: 'failed' });
      logger.error(
        { err: error, eventId: event.id, type: event.type },
        'applying an event failed; the producer will retry',
      );
      const failed = new ServiceUnavailable('The event could not be applied; deliver it again', 503);
      res.status(503).json(httpErrorResponse(failed).body);
    }
  });
  return router;
}
