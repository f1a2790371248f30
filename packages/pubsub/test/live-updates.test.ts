import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { createDatabase, createPool } from '@supergraph/db';
import { connectRedis, createLogger } from '@supergraph/runtime';
import { startPostgres, testRedisUrl, type TestDatabase } from '@supergraph/testing';
import { createPubSub, postgresTransport, redisTransport, type LiveTransport, type PubSub } from '../src';

interface Database {
  changes: { id: string };
}

const logger = createLogger('pubsub-test', 'silent');
let database: TestDatabase;
let pool: pg.Pool;
let db: Kysely<Database>;
beforeAll(async () => {
  database = await startPostgres('pubsub');
  pool = createPool({ connectionString: database.url, maxConnections: 4 });
  db = createDatabase<Database>(pool);
  await sql`create table changes (id text primary key)`.execute(db);
});
afterAll(async () => {
  await db.destroy();
  await database.drop();
});

/** The next event, or what ended the stream; a limit keeps a broken test from hanging. */
async function nextEvent<T>(events: AsyncIterator<T>, limitMs = 10_000) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no event within ${limitMs} ms`)), limitMs);
  });
  try {
    return await Promise.race([events.next(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const redisUrl = testRedisUrl();
const transports: [string, (channel: string) => Promise<{ transport: LiveTransport; close(): Promise<void> }>][] = [
  [
    'Postgres LISTEN/NOTIFY',
    async (channel) => ({
      transport: postgresTransport({ connection: pool.options, channel, logger, maxReconnectDelayMs: 200 }),
      close: async () => undefined,
    }),
  ],
];
if (redisUrl)
  transports.push([
    'Redis pub/sub',
    async (channel) => {
      const redis = await connectRedis(redisUrl, logger);
      return { transport: redisTransport({ redis, channel, logger }), close: async () => redis.disconnect() };
    },
  ]);

describe.each(transports)('live updates over %s', (_name, makeTransport) => {
  const replicas: PubSub[] = [];
  const closers: (() => Promise<void>)[] = [];
  let channel: string;

  /** One replica of the service: its own pub/sub on the shared channel, already listening. */
  async function replica(maxBacklog?: number): Promise<PubSub> {
    const { transport, close } = await makeTransport(channel);
    const pubsub = createPubSub({ transport, logger, ...(maxBacklog && { maxBacklog }) });
    await pubsub.start();
    replicas.push(pubsub);
    closers.push(close);
    return pubsub;
  }

  beforeEach(() => {
    channel = `live_test_${randomBytes(6).toString('hex')}`;
  });
  afterEach(async () => {
    for (const pubsub of replicas.splice(0)) await pubsub.close();
    for (const close of closers.splice(0)) await close();
  });

  it('delivers a committed change to the subscribers of its topic on every replica', async () => {
    const [first, second] = [await replica(), await replica()];
    const onFirst = first.subscribe<{ id: string }>('zoo:1');
    const onSecond = second.subscribe<{ id: string }>('zoo:1');
    const otherTopic = second.subscribe<{ id: string }>('zoo:2');

    await first.transaction(db, async (trx, publish) => {
      await trx.insertInto('changes').values({ id: channel }).execute();
      publish('zoo:1', { id: 'a' });
    });
    await second.transaction(db, async (_trx, publish) => publish('zoo:2', { id: 'b' }));

    expect(await nextEvent(onFirst)).toEqual({ done: false, value: { id: 'a' } });
    expect(await nextEvent(onSecond)).toEqual({ done: false, value: { id: 'a' } });
    expect(await nextEvent(otherTopic)).toEqual({ done: false, value: { id: 'b' } });
    expect(first.subscriptions).toBe(1);
  });

  it('publishes nothing for a change that rolls back', async () => {
    const pubsub = await replica();
    const events = pubsub.subscribe<{ id: string }>('zoo:1');

    await expect(
      pubsub.transaction(db, async (trx, publish) => {
        await trx.insertInto('changes').values({ id: 'rolled-back' }).execute();
        publish('zoo:1', { id: 'rolled-back' });
        throw new Error('the change fails after publishing');
      }),
    ).rejects.toThrow('the change fails after publishing');
    await pubsub.transaction(db, async (_trx, publish) => publish('zoo:1', { id: 'committed' }));

    expect(await nextEvent(events)).toEqual({ done: false, value: { id: 'committed' } });
    expect(await db.selectFrom('changes').selectAll().where('id', '=', 'rolled-back').execute()).toEqual([]);
  });

  it('refuses a message over the size limit, and the change with it', async () => {
    const pubsub = await replica();
    await expect(
      pubsub.transaction(db, async (trx, publish) => {
        await trx.insertInto('changes').values({ id: 'too-big' }).execute();
        publish('zoo:1', { blob: 'x'.repeat(8_000) });
      }),
    ).rejects.toThrow('publish ids, not data');
    expect(await db.selectFrom('changes').selectAll().where('id', '=', 'too-big').execute()).toEqual([]);
  });

  it('cuts off a subscriber that falls behind with a retryable error', async () => {
    const pubsub = await replica(2);
    const slow = pubsub.subscribe<{ n: number }>('feed');
    // A subscriber that keeps up, reading as the events come: once it has all three, so has the slow one, where
    // two waited unread and the third was one too many.
    const witness = pubsub.subscribe<{ n: number }>('feed');
    const firstForWitness = witness.next();
    await pubsub.transaction(db, async (_trx, publish) => {
      for (let n = 1; n <= 3; n++) publish('feed', { n });
    });
    expect(await firstForWitness).toEqual({ done: false, value: { n: 1 } });
    for (let n = 2; n <= 3; n++) expect(await nextEvent(witness)).toEqual({ done: false, value: { n } });
    expect(await nextEvent(slow)).toEqual({ done: false, value: { n: 1 } });
    expect(await nextEvent(slow)).toEqual({ done: false, value: { n: 2 } });
    await expect(nextEvent(slow)).rejects.toMatchObject({
      message: expect.stringContaining('fell too far behind'),
      extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: true },
    });
    expect(pubsub.subscriptions).toBe(1); // the witness
  });

  it('ends a waiting subscription at once when its consumer leaves, and completes the rest on close', async () => {
    const pubsub = await replica();
    const leaving = pubsub.subscribe('quiet');
    const waiting = leaving.next();
    await leaving.return!();
    expect(await waiting).toEqual({ done: true, value: undefined });

    const staying = pubsub.subscribe('quiet');
    const pending = staying.next();
    await pubsub.close();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(pubsub.subscriptions).toBe(0);
  });
});

describe('a lost LISTEN connection', () => {
  it('ends open subscriptions with a retryable error, and the replica hears the channel again once reconnected', async () => {
    const channel = `live_test_${randomBytes(6).toString('hex')}`;
    const pubsub = createPubSub({
      transport: postgresTransport({ connection: pool.options, channel, logger, maxReconnectDelayMs: 200 }),
      logger,
    });
    await pubsub.start();
    try {
      const before = pubsub.subscribe('feed');
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${`${channel} listener`}`.execute(
        db,
      );
      await expect(nextEvent(before)).rejects.toMatchObject({
        message: 'Live updates were interrupted; subscribe again',
        extensions: { retryable: true },
      });

      const after = pubsub.subscribe<{ n: number }>('feed');
      // Publish until the reconnected listener hears one: how long reconnecting takes is not the point.
      let received: IteratorResult<{ n: number }> | undefined;
      const reading = after.next().then((result) => (received = result));
      for (let n = 1; !received && n < 100; n++) {
        await pubsub.transaction(db, async (_trx, publish) => publish('feed', { n }));
        await Promise.race([reading, new Promise((resolve) => setTimeout(resolve, 100))]);
      }
      expect(received).toMatchObject({ done: false, value: { n: expect.any(Number) } });
    } finally {
      await pubsub.close();
    }
  });
});
