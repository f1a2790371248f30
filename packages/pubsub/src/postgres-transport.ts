// Live updates through Postgres itself: `pg_notify` inside the change's transaction (Postgres delivers a
// notification when, and only if, the transaction commits) and one dedicated connection per replica that
// LISTENs on the channel, reconnecting with a growing delay when it is lost. Works with any Postgres,
// embedded included; not through a pooler in transaction mode (LISTEN needs a session).
import { sql, type QueryExecutorProvider } from 'kysely';
import pg from 'pg';
import type { Logger } from '@supergraph/runtime';
import type { LiveTransport, TransportListener } from './transport';

export interface PostgresTransportOptions {
  /** Where to LISTEN: the service's own database (a separate connection, outside the pool). */
  connection: pg.ClientConfig;
  /** The channel: one per service, so replicas of other services sharing a server hear nothing of it. */
  channel: string;
  logger: Logger;
  /** Longest wait between two reconnection attempts (default 5 s). */
  maxReconnectDelayMs?: number;
}

/** NOTIFY's payload limit is 8000 bytes; the rest is headroom. */
const MAX_NOTIFY_BYTES = 7_900;
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

export function postgresTransport(options: PostgresTransportOptions): LiveTransport {
  const { channel, logger } = options;
  if (!CHANNEL.test(channel)) throw new Error(`Not a plain Postgres channel name: ${channel}`);
  const maxDelay = options.maxReconnectDelayMs ?? 5_000;
  let client: pg.Client | undefined;
  let listener: TransportListener | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let attempts = 0;

  async function connect(): Promise<void> {
    const next = new pg.Client({ ...options.connection, application_name: `${channel} listener` });
    // Registered before connecting: a connection lost at any point must be reported, never thrown.
    next.on('error', (error) => lost(next, error));
    next.on('end', () => lost(next, new Error('The LISTEN connection ended')));
    next.on('notification', (notification) => {
      if (notification.channel === channel && notification.payload !== undefined)
        listener?.message(notification.payload);
    });
    client = next;
    try {
      await next.connect();
      await next.query(`listen ${channel}`);
    } catch (error) {
      if (client === next) client = undefined; // this attempt is over: its events are not a loss to report
      await next.end().catch(() => undefined);
      throw error;
    }
    attempts = 0;
  }

  function lost(which: pg.Client, error: Error) {
    if (which !== client || closed) return;
    client = undefined;
    which.removeAllListeners('notification');
    which.end().catch(() => undefined);
    logger.warn({ err: error, channel }, 'live updates: the LISTEN connection was lost; reconnecting');
    listener?.interrupted(error);
    scheduleReconnect();
  }

  function scheduleReconnect() {
    if (closed || retry) return;
    const delay = Math.min(maxDelay, 100 * 2 ** attempts++);
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch((error: Error) => {
        logger.warn({ err: error, channel }, 'live updates: reconnecting the LISTEN connection failed');
        scheduleReconnect();
      });
    }, delay);
  }

  return {
    delivery: 'in-transaction',
    maxMessageBytes: MAX_NOTIFY_BYTES,
    async send(messages, trx: QueryExecutorProvider) {
      // One statement for the lot; unnest yields the messages in order, and Postgres keeps a transaction's
      // notifications in the order they were sent.
      await sql`select pg_notify(${channel}, message) from unnest(${[...messages]}::text[]) as message`.execute(trx);
    },
    async listen(onMessages) {
      listener = onMessages;
      try {
        await connect();
      } catch (error) {
        // The database is not answering yet: the service starts anyway (it is not ready until its database
        // answers) and listens as soon as it can.
        logger.warn({ err: error, channel }, 'live updates: cannot LISTEN yet; retrying');
        scheduleReconnect();
      }
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      const last = client;
      client = undefined;
      await last?.end().catch(() => undefined);
    },
  };
}
