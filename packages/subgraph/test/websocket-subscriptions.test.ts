// The subscription endpoint of every subgraph: graphql-transport-ws on /graphql, answering only subscribe
// messages that carry claims signed for this subgraph and bound to the operation, as a POST must.
import { parse } from 'graphql';
import {
  createClaimsVerifier,
  createLocalKeySet,
  memoryReplayGuard,
  operationHash,
  type Viewer,
} from '@supergraph/auth';
import { Forbidden } from '@supergraph/errors';
import { createEventQueue, type EventQueue } from '@supergraph/pubsub';
import { subscribeToSubgraph, testKeys, type SubgraphSubscriber } from '@supergraph/testing';
import { createLogger, createSubgraphServer, type RequestInfo, type SubgraphServer } from '../src';

const TYPE_DEFS = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type Query {
    hello: String
  }
  type Tick {
    n: Int!
    seenBy: String
    contextNumber: Int!
    broken: String
  }
  type Subscription {
    ticks(channel: String!): Tick!
    secret: Tick!
  }
`);

const TICKS = 'subscription($channel: String!) { ticks(channel: $channel) { n seenBy contextNumber } }';
const ALLOWED_FOR_SCANNER = 'subscription { secret { n } }';

interface TestContext extends RequestInfo {
  contextNumber: number;
}

/** The test's event source: one queue per channel, fed by the test. */
const channels = new Map<string, EventQueue<{ n: number }>[]>();
const publish = (channel: string, n: number) => channels.get(channel)?.forEach((queue) => queue.push({ n }));
let contexts = 0;

function startServer(options: { production?: boolean; maxConnections?: number; maxPerConnection?: number } = {}) {
  return createSubgraphServer<TestContext>({
    name: 'catalog',
    typeDefs: TYPE_DEFS,
    resolvers: {
      Query: { hello: () => 'world' },
      Subscription: {
        ticks: {
          subscribe: (_root: unknown, { channel }: { channel: string }) => {
            const queue = createEventQueue<{ n: number }>();
            channels.set(channel, [...(channels.get(channel) ?? []), queue]);
            return queue;
          },
          resolve: (event: { n: number }) => event,
        },
        secret: {
          subscribe: (_root: unknown, _args: unknown, context: TestContext) => {
            if (context.viewer?.role !== 'ADMIN') throw new Forbidden('Admins only');
            return createEventQueue();
          },
        },
      },
      Tick: {
        seenBy: (_tick: unknown, _args: unknown, context: TestContext) => context.viewer?.id ?? null,
        contextNumber: (_tick: unknown, _args: unknown, context: TestContext) => context.contextNumber,
        broken: () => {
          throw new Error('connection to 10.0.0.7:5432 refused');
        },
      },
    } as never,
    claims: createClaimsVerifier({
      audience: 'catalog',
      issuers: {
        gateway: { keys: createLocalKeySet(testKeys('gateway').published) },
        scanner: {
          keys: createLocalKeySet(testKeys('scanner').published),
          operations: new Set([operationHash(ALLOWED_FOR_SCANNER)]),
        },
      },
      replay: memoryReplayGuard(),
    }),
    createContext: (request) => ({ ...request, contextNumber: ++contexts }),
    isReady: async () => true,
    logger: createLogger('catalog', 'silent'),
    production: options.production ?? false,
    subscriptions: {
      ...(options.maxConnections && { maxConnections: options.maxConnections }),
      ...(options.maxPerConnection && { maxSubscriptionsPerConnection: options.maxPerConnection }),
    },
  });
}

const ada: Viewer = { id: 'ada', role: 'USER' };
let server: SubgraphServer;
let listening: { url: string; metricsUrl: string };
let gateway: SubgraphSubscriber;

beforeAll(async () => {
  server = startServer({ maxPerConnection: 3 });
  listening = await server.listen(0);
  gateway = subscribeToSubgraph(listening, 'catalog');
});
afterAll(async () => {
  await gateway.close();
  await server.stop();
});

describe('a subscription signed by the gateway', () => {
  it('receives each event as a `next`, executed for the signed viewer with a fresh context', async () => {
    const ticks = await gateway.subscribe(TICKS, { channel: 'a' }, { viewer: ada });
    publish('a', 1);
    publish('a', 2);
    const first = await ticks.nextData<{ ticks: { n: number; seenBy: string; contextNumber: number } }>();
    const second = await ticks.nextData<{ ticks: { n: number; seenBy: string; contextNumber: number } }>();
    expect(first.ticks).toMatchObject({ n: 1, seenBy: 'ada' });
    expect(second.ticks).toMatchObject({ n: 2, seenBy: 'ada' });
    // Loaders and caches live in the context: each event gets its own, so it sees the data as it is now.
    expect(second.ticks.contextNumber).toBeGreaterThan(first.ticks.contextNumber);
    ticks.unsubscribe();
  });

  it('masks an internal error in an event as INTERNAL_SERVER_ERROR', async () => {
    const production = startServer({ production: true });
    const productionListening = await production.listen(0);
    const client = subscribeToSubgraph(productionListening, 'catalog');
    try {
      const query = 'subscription { ticks(channel: "broken") { n broken } }';
      const ticks = await client.subscribe(query);
      publish('broken', 1);
      const message = await ticks.next();
      expect(message).toEqual({
        type: 'next',
        payload: {
          data: { ticks: { n: 1, broken: null } },
          errors: [
            {
              message: 'Internal server error',
              path: ['ticks', 'broken'],
              extensions: { code: 'INTERNAL_SERVER_ERROR' },
            },
          ],
        },
      });
    } finally {
      await client.close();
      await production.stop();
    }
  });
});

describe('a subscribe message the subgraph refuses with an `error`', () => {
  const refusal = async (subscription: Promise<{ next(): Promise<unknown> }>) => (await subscription).next();

  it('carries no claims', async () => {
    expect(await refusal(gateway.subscribe(TICKS, { channel: 'a' }, { unsigned: true }))).toEqual({
      type: 'error',
      errors: [
        {
          message: 'This subgraph answers only callers with valid signed claims',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
  });

  it('carries claims bound to another operation or other variables', async () => {
    for (const boundTo of [{ query: TICKS, variables: { channel: 'b' } }, { query: 'subscription { secret { n } }' }]) {
      expect(await refusal(gateway.subscribe(TICKS, { channel: 'a' }, { viewer: ada, boundTo }))).toMatchObject({
        type: 'error',
        errors: [
          { message: 'The signed claims are bound to another operation', extensions: { code: 'UNAUTHENTICATED' } },
        ],
      });
    }
  });

  it('comes from a service not declared for that operation', async () => {
    expect(await refusal(gateway.subscribe(TICKS, { channel: 'a' }, { issuer: 'scanner' }))).toMatchObject({
      type: 'error',
      errors: [{ extensions: { code: 'FORBIDDEN' } }],
    });
  });

  it('is refused by the field itself at subscribe time', async () => {
    expect(await refusal(gateway.subscribe('subscription { secret { n } }', undefined, { viewer: ada }))).toEqual({
      type: 'error',
      errors: [
        {
          message: 'Admins only',
          path: ['secret'],
          locations: [{ line: 1, column: 16 }],
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    });
  });

  it('is a query or mutation, or does not validate', async () => {
    expect(await refusal(gateway.subscribe('{ hello }'))).toMatchObject({
      type: 'error',
      errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
    expect(await refusal(gateway.subscribe('subscription { nope }'))).toMatchObject({
      type: 'error',
      errors: [{ message: 'Cannot query field "nope" on type "Subscription".' }],
    });
  });

  it('goes over the subscriptions one connection may hold', async () => {
    const own = subscribeToSubgraph(listening, 'catalog');
    try {
      for (let open = 0; open < 3; open++) await own.subscribe(TICKS, { channel: `cap-${open}` });
      expect(await refusal(own.subscribe(TICKS, { channel: 'cap-3' }))).toMatchObject({
        type: 'error',
        errors: [{ extensions: { code: 'RATE_LIMITED' } }],
      });
    } finally {
      await own.close();
    }
  });
});

describe('connections', () => {
  it('refuses a connection over the limit with 503 before any WebSocket exists', async () => {
    const small = startServer({ maxConnections: 1 });
    const smallListening = await small.listen(0);
    const first = subscribeToSubgraph(smallListening, 'catalog');
    try {
      await first.subscribe(TICKS, { channel: 'small' });
      const second = new WebSocket(smallListening.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
      const outcome = await new Promise<string>((resolve) => {
        second.onopen = () => resolve('open');
        second.onerror = () => resolve('refused');
      });
      expect(outcome).toBe('refused');
    } finally {
      await first.close();
      await small.stop();
    }
  });

  it('closes open sockets with 1001 when the server stops, ending their subscriptions', async () => {
    const stopping = startServer();
    const stoppingListening = await stopping.listen(0);
    const client = subscribeToSubgraph(stoppingListening, 'catalog');
    const ticks = await client.subscribe(TICKS, { channel: 'stopping' });
    await stopping.stop();
    expect(await ticks.next()).toMatchObject({ type: 'closed', code: 1001 });
    await client.close();
  });
});
