// Identical subgraph fetches of queries in flight at the same time share one request; fetches of different
// viewers or client addresses, of mutations, or with deduplication switched off never do. The stub subgraphs
// hold every answer until the test lets it go, so "at the same time" is arranged, not timed.
import {
  createAccessTokenVerifier,
  createLocalKeySet,
  generateSigningKey,
  issueAccessToken,
  type Viewer,
} from '@supergraph/auth';
import { composeSupergraph } from '@supergraph/composition';
import { createLogger } from '@supergraph/runtime';
import { eventually, startStubSubgraph, testKeys, type StubCall, type StubSubgraph } from '@supergraph/testing';
import { createGatewayServer, parseTrustProxy, type GatewayOptions, type GatewayServer } from '../src';
import { ClaimsForwardingDataSource } from '../src/claims-data-source';
import { createSubgraphHttp } from '../src/subgraph-http';

const SHELF_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { books(genre: String!): [Book!]! }
  type Mutation { borrow(id: ID!): Book }
  type Book @key(fields: "id") { id: ID! title: String! }
`;
const RATINGS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Book @key(fields: "id") { id: ID! stars: Int! }
`;
const BOOKS = [
  { id: 'b1', title: 'Odes', stars: 4 },
  { id: 'b2', title: 'Elegies', stars: 5 },
];
const TOKENS = { issuer: 'supergraph-users', audience: 'supergraph' };
const tokenKey = generateSigningKey();

/** Answers held until release(); a new gate for the next test. */
function gate() {
  let release = () => {};
  let opened = new Promise<void>((resolve) => (release = resolve));
  return {
    wait: () => opened,
    release: () => release(),
    reset() {
      opened = new Promise<void>((resolve) => (release = resolve));
    },
  };
}

const shelfGate = gate();
const ratingsGate = gate();
let shelf: StubSubgraph;
let ratings: StubSubgraph;
const gateways: { server: GatewayServer; url: string }[] = [];

async function answerShelf(call: StubCall) {
  await shelfGate.wait();
  if (call.query.startsWith('mutation')) return { borrow: { id: call.variables.id ?? 'b1', title: 'Odes' } };
  return { books: BOOKS.map(({ id, title }) => ({ __typename: 'Book', id, title })) };
}

async function answerRatings(call: StubCall) {
  await ratingsGate.wait();
  const representations = call.variables.representations as { id: string }[];
  return {
    _entities: representations.map(({ id }) => ({ __typename: 'Book', stars: BOOKS.find((b) => b.id === id)!.stars })),
  };
}

/** Each test gateway's metrics endpoint (its operations port), by its GraphQL URL. */
const metricsUrls = new Map<string, string>();

async function startTestGateway(options: Partial<GatewayOptions> = {}) {
  const server = createGatewayServer({
    supergraph: {
      sdl: composeSupergraph([
        { name: 'shelf', url: shelf.url, sdl: SHELF_SDL },
        { name: 'ratings', url: ratings.url, sdl: RATINGS_SDL },
      ]),
    },
    verifier: createAccessTokenVerifier({ jwksUri: createLocalKeySet([tokenKey]), ...TOKENS }),
    keys: testKeys('gateway'),
    logger: createLogger('test', 'silent'),
    production: false,
    ...options,
  });
  const { url, metricsUrl } = await server.listen(0);
  gateways.push({ server, url });
  metricsUrls.set(url, metricsUrl);
  return url;
}

let gatewayUrl: string;

beforeAll(async () => {
  shelf = await startStubSubgraph('shelf', answerShelf);
  ratings = await startStubSubgraph('ratings', answerRatings);
  gatewayUrl = await startTestGateway({ trustProxy: parseTrustProxy('loopback') });
});
beforeEach(() => {
  shelf.calls.length = 0;
  ratings.calls.length = 0;
  shelfGate.reset();
  ratingsGate.reset();
});
afterAll(async () => {
  for (const { server } of gateways) await server.stop();
  await shelf.close();
  await ratings.close();
});

const post = async (url: string, query: string, headers: Record<string, string> = {}) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
};

/** The gateway's count of fetches that shared another's request, for one subgraph, from its metrics. */
async function deduplicated(url: string, subgraph: string): Promise<number> {
  const text = await (await fetch(metricsUrls.get(url)!)).text();
  const line = new RegExp(`^supergraph_subgraph_fetches_deduplicated_total\\{subgraph="${subgraph}"\\} (\\d+)$`, 'm');
  return Number(line.exec(text)?.[1] ?? 0);
}

const POETRY = '{ books(genre: "poetry") { id title stars } }';
const POETRY_DATA = { books: BOOKS };
const bearer = (viewer: Viewer) => ({ authorization: `Bearer ${issueAccessToken(tokenKey, viewer, TOKENS)}` });

describe('in-flight deduplication of subgraph fetches', () => {
  it('identical anonymous queries at the same time share one request per subgraph, and each gets the full answer', async () => {
    const [shelfBefore, ratingsBefore] = [
      await deduplicated(gatewayUrl, 'shelf'),
      await deduplicated(gatewayUrl, 'ratings'),
    ];
    const answers = Promise.all(Array.from({ length: 5 }, () => post(gatewayUrl, POETRY)));
    // All five fetches of the root field have reached the shelf: one request, four sharing it.
    await eventually(
      async () => shelf.calls.length + (await deduplicated(gatewayUrl, 'shelf')) - shelfBefore,
      (seen) => seen === 5,
    );
    expect(shelf.calls).toHaveLength(1);
    shelfGate.release();
    // Then their five identical _entities fetches (the same representations) reach ratings.
    await eventually(
      async () => ratings.calls.length + (await deduplicated(gatewayUrl, 'ratings')) - ratingsBefore,
      (seen) => seen === 5,
    );
    expect(ratings.calls).toHaveLength(1);
    expect(ratings.calls[0]!.variables.representations).toEqual([
      { __typename: 'Book', id: 'b1' },
      { __typename: 'Book', id: 'b2' },
    ]);
    ratingsGate.release();
    for (const answer of await answers) expect(answer).toEqual({ data: POETRY_DATA });
  });

  it('viewers never share: the same viewer twice shares one request, another viewer gets a request of their own', async () => {
    ratingsGate.release();
    const ada: Viewer = { id: 'user-ada', role: 'USER' };
    const bob: Viewer = { id: 'user-bob', role: 'USER' };
    const before = await deduplicated(gatewayUrl, 'shelf');
    const answers = Promise.all([
      post(gatewayUrl, POETRY, bearer(ada)),
      post(gatewayUrl, POETRY, bearer(ada)),
      post(gatewayUrl, POETRY, bearer(bob)),
    ]);
    await eventually(
      async () => shelf.calls.length + (await deduplicated(gatewayUrl, 'shelf')) - before,
      (seen) => seen === 3,
    );
    expect(shelf.calls.map((call) => call.claims.viewer?.id).sort()).toEqual(['user-ada', 'user-bob']);
    shelfGate.release();
    for (const answer of await answers) expect(answer).toEqual({ data: POETRY_DATA });
  });

  it('client addresses never share: the same anonymous query from two addresses makes two requests', async () => {
    ratingsGate.release();
    const answers = Promise.all([
      post(gatewayUrl, POETRY, { 'x-forwarded-for': '203.0.113.7' }),
      post(gatewayUrl, POETRY, { 'x-forwarded-for': '198.51.100.9' }),
    ]);
    await eventually(
      async () => shelf.calls.length,
      (seen) => seen === 2,
    );
    expect(shelf.calls.map((call) => call.claims.clientAddress).sort()).toEqual(['198.51.100.9', '203.0.113.7']);
    shelfGate.release();
    for (const answer of await answers) expect(answer).toEqual({ data: POETRY_DATA });
  });

  it('mutations never share: three identical mutations at the same time make three requests', async () => {
    const answers = Promise.all(
      Array.from({ length: 3 }, () => post(gatewayUrl, 'mutation { borrow(id: "b1") { id title } }')),
    );
    await eventually(
      async () => shelf.calls.length,
      (seen) => seen === 3,
    );
    shelfGate.release();
    for (const answer of await answers) expect(answer).toEqual({ data: { borrow: { id: 'b1', title: 'Odes' } } });
  });

  it('switched off (GATEWAY_DEDUPLICATE_REQUESTS=false): identical queries at the same time make one request each', async () => {
    const url = await startTestGateway({ deduplicateRequests: false });
    ratingsGate.release();
    const answers = Promise.all(Array.from({ length: 3 }, () => post(url, POETRY)));
    await eventually(
      async () => shelf.calls.length,
      (seen) => seen === 3,
    );
    expect(await deduplicated(url, 'shelf')).toBe(0);
    shelfGate.release();
    for (const answer of await answers) expect(answer).toEqual({ data: POETRY_DATA });
  });
});

describe('a shared answer', () => {
  it("is parsed for each caller: changing one caller's result leaves the other's as the subgraph sent it", async () => {
    const http = createSubgraphHttp();
    let shared = 0;
    const source = new ClaimsForwardingDataSource('shelf', shelf.url, {
      keys: testKeys('gateway'),
      http,
      timeoutMs: 5_000,
      onDeduplicated: () => shared++,
    });
    // What plan execution passes for a fetch of an incoming query.
    const fetchOptions = () =>
      ({
        kind: 'incoming operation',
        request: { query: '{books(genre:"poetry"){__typename id title}}', variables: {} },
        context: { viewer: null, requestId: 'request-1' },
        incomingRequestContext: { operation: { operation: 'query' }, overallCachePolicy: undefined },
      }) as unknown as Parameters<ClaimsForwardingDataSource['process']>[0];
    try {
      const results = Promise.all([source.process(fetchOptions()), source.process(fetchOptions())]);
      await eventually(
        async () => shelf.calls.length + shared,
        (seen) => seen === 2,
      );
      expect(shelf.calls).toHaveLength(1);
      shelfGate.release();
      const [first, second] = await results;
      expect(second).toEqual(first);
      first!.data!.books[0].title = 'Changed by the first caller';
      expect(second!.data!.books[0].title).toBe('Odes');
    } finally {
      await http.close();
    }
  });
});
