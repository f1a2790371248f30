import WebSocket from 'ws';
import { issueAccessToken, type Viewer } from '@supergraph/auth';
import { eventually } from '@supergraph/testing';
import { createRequestRateLimiter } from '../src';
import { openEventStream, webSocketSubscriber, type WebSocketSubscriber } from './support/subscription-clients';
import { startGateway, startSupergraph, TOKENS, type ExtraGateway, type Supergraph } from './support/supergraph';
import { startTickerSubgraph, type TickerSubgraph } from './support/ticker-subgraph';

let supergraph: Supergraph;
let ticker: TickerSubgraph;
let gateway: ExtraGateway;
let alice: { viewer: Viewer; auth: Record<string, string> };
const clients: WebSocketSubscriber[] = [];

const TICKS = 'subscription Ticks($channel: String!) { ticks(channel: $channel) { n user { id username } } }';

beforeAll(async () => {
  supergraph = await startSupergraph();
  ticker = await startTickerSubgraph();
  gateway = await startGateway(supergraph, {}, [ticker]);
  alice = await supergraph.signUp('tick_alice');
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
});
afterAll(async () => {
  await gateway.stop();
  await ticker.stop();
  await supergraph.close();
});

const subscriber = (authorization?: string, url = gateway.url) => {
  const client = webSocketSubscriber(url, authorization);
  clients.push(client);
  return client;
};
/** A gauge or counter of the gateway's GET /metrics (summed over its labels). */
const metric = async (target: ExtraGateway, name: string) => {
  const text = await (await fetch(target.metricsUrl)).text();
  const lines = text.split('\n').filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`));
  return lines.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
};
const subscribersOf = (channel: string, count = 1) =>
  eventually(
    async () => ticker.subscribers(channel),
    (open) => open === count,
    { everyMs: 20 },
  );

describe('subscriptions over WebSocket (graphql-transport-ws at /graphql)', () => {
  it('delivers each event with its entity fields resolved by the subgraph that owns them', async () => {
    const ticks = subscriber(alice.auth.authorization).subscribe(TICKS, { channel: 'ws-entity' });
    await subscribersOf('ws-entity');

    ticker.publish('ws-entity', { n: 1, userId: alice.viewer.id });
    ticker.publish('ws-entity', { n: 2, userId: alice.viewer.id });

    await eventually(
      async () => ticks.results.length,
      (count) => count === 2,
    );
    expect(ticks.results).toEqual([
      { data: { ticks: { n: 1, user: { id: alice.viewer.id, username: 'tick_alice' } } } },
      { data: { ticks: { n: 2, user: { id: alice.viewer.id, username: 'tick_alice' } } } },
    ]);
    // The owning subgraph got the caller's identity in claims the gateway signed for it and this operation.
    expect(ticker.viewers.at(-1)).toEqual(alice.viewer);
  });

  it('closes the socket 4401 when connection_init carries a bad token', async () => {
    const client = subscriber('Bearer not.a.token');
    const ticks = client.subscribe(TICKS, { channel: 'ws-bad-token' });
    await eventually(
      async () => client.closes,
      (closes) => closes.length > 0,
    );
    expect(client.closes[0]!.code).toBe(4401);
    expect(ticks.results).toEqual([]);
    expect(ticker.subscribers('ws-bad-token')).toBe(0);
  });

  it('ends the subscriptions with UNAUTHENTICATED, then closes 4401, when the access token expires', async () => {
    const shortLived = issueAccessToken(supergraph.signingKey, alice.viewer, { ...TOKENS, ttlSeconds: 2 });
    const client = subscriber(`Bearer ${shortLived}`);
    const ticks = client.subscribe(TICKS, { channel: 'ws-expiry' });
    await subscribersOf('ws-expiry');

    await eventually(
      async () => client.closes,
      (closes) => closes.length > 0,
      { limitMs: 10_000 },
    );
    expect(ticks.results.at(-1).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(client.closes[0]!.code).toBe(4401);
    await subscribersOf('ws-expiry', 0);
  });

  it('ends a deleted account’s subscriptions with UNAUTHENTICATED and closes 4401, once the gateway knows', async () => {
    const leaver = await supergraph.signUp('tick_leaver');
    const client = subscriber(leaver.auth.authorization);
    const ticks = client.subscribe(TICKS, { channel: 'ws-deleted' });
    await subscribersOf('ws-deleted');

    const deleted = await supergraph.query(
      'mutation($id: ID!) { deleteUser(id: $id) }',
      { id: leaver.viewer.id },
      leaver.auth,
    );
    expect(deleted.data!.deleteUser).toBe(true);
    await gateway.server.refreshAuthority();

    await eventually(
      async () => client.closes,
      (closes) => closes.length > 0,
    );
    expect(ticks.results.at(-1).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(client.closes[0]).toEqual({ code: 4401, reason: 'This account no longer exists' });
  });

  it('refuses the 21st subscription on one connection and keeps the other 20', async () => {
    const client = subscriber();
    const subscriptions = Array.from({ length: 21 }, () => client.subscribe(TICKS, { channel: 'ws-cap' }));
    await eventually(
      async () => subscriptions.filter((subscription) => subscription.error).length,
      (refused) => refused === 1,
    );
    const refused = subscriptions.find((subscription) => subscription.error)!;
    expect(refused.error[0].message).toMatch(/At most 20 subscriptions per connection/);
    ticker.publish('ws-cap', { n: 1, userId: alice.viewer.id });
    await eventually(
      async () => subscriptions.filter((subscription) => subscription.results.length === 1).length,
      (delivered) => delivered === 20,
    );
  });

  it('refuses an operation over the gateway’s limits before any subgraph is called', async () => {
    const deep = `subscription { ticks(channel: "ws-limits") { user { zoos { edges { node { owner { zoos { edges { node { owner { zoos { edges { node { id } } } } } } } } } } } } } }`;
    const ticks = subscriber().subscribe(deep);
    await eventually(
      async () => ticks.error,
      (error) => error !== undefined,
    );
    expect(ticks.error[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(ticker.subscribers('ws-limits')).toBe(0);
  });
});

describe('subscriptions over server-sent events (graphql-sse at /graphql/stream)', () => {
  it('streams each event with its entity fields resolved, for the bearer of the Authorization header', async () => {
    const stream = await openEventStream(
      `${gateway.baseUrl}/graphql/stream`,
      { query: TICKS, variables: { channel: 'sse-entity' } },
      alice.auth,
    );
    expect(stream.status).toBe(200);
    await subscribersOf('sse-entity');

    ticker.publish('sse-entity', { n: 7, userId: alice.viewer.id });

    await eventually(
      async () => stream.messages.length,
      (count) => count === 1,
    );
    expect(stream.messages[0]).toEqual({
      event: 'next',
      data: { data: { ticks: { n: 7, user: { id: alice.viewer.id, username: 'tick_alice' } } } },
    });
    stream.close();
    await subscribersOf('sse-entity', 0);
  });

  it('answers a bad token with 401 before any stream opens', async () => {
    const stream = await openEventStream(
      `${gateway.baseUrl}/graphql/stream`,
      { query: TICKS, variables: { channel: 'sse-bad-token' } },
      { authorization: 'Bearer not.a.token' },
    );
    expect(stream.status).toBe(401);
    expect(stream.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('a subscription sent as a plain HTTP request', () => {
  it('is a 400 that names the WebSocket and SSE endpoints', async () => {
    const response = await gateway.query(TICKS, { channel: 'post' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(response.body.errors[0].message).toMatch(/WebSocket.*\/graphql.*server-sent events.*\/graphql\/stream/);
  });
});

describe('the rate limit', () => {
  it('counts each subscription as a request: past the budget, RATE_LIMITED with retryAfter, over both transports', async () => {
    const limited = await startGateway(
      supergraph,
      { rateLimiter: createRequestRateLimiter({ perSecond: 1, burst: 2, burstWindowSeconds: 60 }) },
      [ticker],
    );
    try {
      const client = subscriber(alice.auth.authorization, limited.url);
      const subscriptions = [1, 2, 3, 4].map(() => client.subscribe(TICKS, { channel: 'rate' }));
      await eventually(
        async () => subscriptions.filter((subscription) => subscription.error).length,
        (refused) => refused === 1,
      );
      const refused = subscriptions.find((subscription) => subscription.error)!;
      expect(refused.error[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });

      const stream = await openEventStream(
        `${limited.baseUrl}/graphql/stream`,
        { query: TICKS, variables: { channel: 'rate' } },
        alice.auth,
      );
      expect(stream.status).toBe(429);
      expect(stream.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    } finally {
      await Promise.all(clients.splice(0).map((client) => client.dispose()));
      await limited.stop();
    }
  });
});

describe('a subscriber that stops reading', () => {
  it('is disconnected with 1008 and a reason once it is more than N events behind', async () => {
    const strict = await startGateway(supergraph, { subscriptions: { maxPendingEvents: 5 } }, [ticker]);
    try {
      const socket = new WebSocket(strict.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
      );
      socket.on('message', (message) => {
        if (JSON.parse(message.toString()).type !== 'connection_ack') return;
        const payload = { query: 'subscription { ticks(channel: "slow") { n padding } }' };
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload }));
      });
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(JSON.stringify({ type: 'connection_init' }));
      await subscribersOf('slow');

      socket.pause();
      // Far more than the socket buffers hold: the gateway's queue for this client fills up.
      const padding = 'x'.repeat(64 * 1024);
      for (let n = 0; n < 300; n++) ticker.publish('slow', { n, userId: alice.viewer.id, padding });
      await subscribersOf('slow', 0);
      socket.resume();

      expect(await closed).toEqual({ code: 1008, reason: 'Too slow: more than 5 events behind' });
    } finally {
      await strict.stop();
    }
  });
});

describe('connection caps', () => {
  it('closes a user’s connection 4429 past the per-user cap, and refuses an address past its cap with 429', async () => {
    const capped = await startGateway(
      supergraph,
      { subscriptions: { maxConnectionsPerUser: 2, maxConnectionsPerAddress: 3 } },
      [ticker],
    );
    try {
      const clients = [1, 2, 3].map(() => subscriber(alice.auth.authorization, capped.url));
      const subscriptions = clients.map((client) => client.subscribe(TICKS, { channel: 'caps' }));
      await eventually(
        async () => clients.filter((client) => client.closes.length > 0).length,
        (closed) => closed === 1,
      );
      const refused = clients.find((client) => client.closes.length > 0)!;
      expect(refused.closes[0]).toEqual({ code: 4429, reason: 'Too many open subscription connections for this user' });
      expect(subscriptions.filter((subscription) => subscription.error === undefined)).toHaveLength(2);

      // Two sockets of this address are open; a third is fine (anonymous), a fourth is refused at the handshake.
      const third = subscriber(undefined, capped.url).subscribe(TICKS, { channel: 'caps' });
      await eventually(
        async () => metric(capped, 'supergraph_subscriptions_active'),
        (active) => active === 3,
      );
      const status = await new Promise<number | undefined>((resolve) => {
        const socket = new WebSocket(capped.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
        socket.once('unexpected-response', (_request, response) => resolve(response.statusCode));
        socket.once('open', () => {
          socket.close();
          resolve(undefined);
        });
      });
      expect(status).toBe(429);
      expect(third.error).toBeUndefined();
    } finally {
      await capped.stop();
    }
  });
});

describe('when the owning subgraph goes away mid-subscription', () => {
  it('ends every subscription on it with a retryable error, over WebSocket and SSE: never a silent hang', async () => {
    const doomed = await startTickerSubgraph();
    const doomedGateway = await startGateway(supergraph, {}, [doomed]);
    try {
      const ticks = subscriber(undefined, doomedGateway.url).subscribe(TICKS, { channel: 'doomed' });
      const stream = await openEventStream(`${doomedGateway.baseUrl}/graphql/stream`, {
        query: TICKS,
        variables: { channel: 'doomed' },
      });
      await eventually(
        async () => metric(doomedGateway, 'supergraph_subscriptions_active'),
        (active) => active === 2,
      );

      await doomed.stop();

      await eventually(
        async () => ticks.completed,
        (completed) => completed,
      );
      const wentAway = {
        message: 'The source of this subscription went away; subscribe again to resume',
        extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: true },
      };
      expect(ticks.results).toEqual([{ errors: [wentAway] }]);
      await stream.ended;
      expect(stream.messages).toEqual([
        { event: 'next', data: { errors: [wentAway] } },
        { event: 'complete', data: null },
      ]);
    } finally {
      await doomedGateway.stop();
    }
  });
});

describe('a crowd', () => {
  it('1000 subscribers on one gateway all receive one event, from one subgraph subscription', async () => {
    const crowdGateway = await startGateway(supergraph, { subscriptions: { maxConnectionsPerAddress: 1_000 } }, [
      ticker,
    ]);
    try {
      const crowd = Array.from({ length: 1_000 }, () =>
        subscriber(undefined, crowdGateway.url).subscribe(TICKS, { channel: 'crowd' }),
      );
      await eventually(
        async () => metric(crowdGateway, 'supergraph_subscriptions_active'),
        (active) => active === 1_000,
        { limitMs: 60_000, everyMs: 250 },
      );
      expect(ticker.subscribers('crowd')).toBe(1);

      ticker.publish('crowd', { n: 1, userId: alice.viewer.id });

      await eventually(
        async () => crowd.filter((subscription) => subscription.results.length === 1).length,
        (delivered) => delivered === 1_000,
        { limitMs: 60_000, everyMs: 250 },
      );
      const expected = { data: { ticks: { n: 1, user: { id: alice.viewer.id, username: 'tick_alice' } } } };
      expect(crowd.every((subscription) => JSON.stringify(subscription.results[0]) === JSON.stringify(expected))).toBe(
        true,
      );
      expect(await metric(crowdGateway, 'supergraph_subscription_events_total')).toBe(1_000);
    } finally {
      await Promise.all(clients.splice(0).map((client) => client.dispose()));
      await crowdGateway.stop();
    }
  });
});

describe('two gateways', () => {
  it('each deliver the same event to their own subscribers', async () => {
    const second = await startGateway(supergraph, {}, [ticker]);
    try {
      const here = subscriber(alice.auth.authorization).subscribe(TICKS, { channel: 'two-gateways' });
      const there = subscriber(alice.auth.authorization, second.url).subscribe(TICKS, { channel: 'two-gateways' });
      await subscribersOf('two-gateways', 2);

      ticker.publish('two-gateways', { n: 1, userId: alice.viewer.id });

      await eventually(
        async () => here.results.length + there.results.length,
        (count) => count === 2,
      );
      expect(here.results).toEqual(there.results);
    } finally {
      await Promise.all(clients.splice(0).map((client) => client.dispose()));
      await second.stop();
    }
  });
});

describe('the gateway stopping', () => {
  it('completes every subscription and closes each socket 1001', async () => {
    const stopping = await startGateway(supergraph, {}, [ticker]);
    const client = subscriber(alice.auth.authorization, stopping.url);
    const ticks = client.subscribe(TICKS, { channel: 'stopping' });
    const stream = await openEventStream(`${stopping.baseUrl}/graphql/stream`, {
      query: TICKS,
      variables: { channel: 'stopping' },
    });
    await eventually(
      async () => metric(stopping, 'supergraph_subscriptions_active'),
      (active) => active === 2,
    );

    await stopping.stop();

    expect(ticks.completed).toBe(true);
    await eventually(
      async () => client.closes,
      (closes) => closes.length > 0,
    );
    expect(client.closes[0]).toEqual({ code: 1001, reason: 'The gateway is shutting down' });
    await stream.ended;
    expect(stream.messages).toEqual([{ event: 'complete', data: null }]);
    expect(ticker.subscribers('stopping')).toBe(0);
  });
});
