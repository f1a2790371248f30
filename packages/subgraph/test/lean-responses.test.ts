// A subgraph answers without work nobody uses: no ETag hashed over each body, no cache policy computed field by
// field (no schema here declares @cacheControl) — and the answer itself is unchanged.
import { parse } from 'graphql';
import {
  CLAIMS_HEADER,
  createClaimsVerifier,
  createLocalKeySet,
  generateSigningKey,
  memoryReplayGuard,
  requestDigest,
  serviceKeys,
  signForwardedClaims,
} from '@supergraph/auth';
import { createLogger, createSubgraphServer, type RequestInfo, type SubgraphServer } from '../src';

const GATEWAY = serviceKeys('gateway', generateSigningKey());
let server: SubgraphServer;
let url: string;

beforeAll(async () => {
  server = createSubgraphServer<RequestInfo>({
    name: 'catalog',
    typeDefs: parse(
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"]) type Item @key(fields: "id") { id: ID! name: String } type Query { items: [Item!]! }',
    ),
    resolvers: {
      Query: { items: () => [{ id: 'i1', name: 'one' }] },
      Item: { __resolveReference: (item: { id: string }) => ({ ...item, name: 'one' }) },
    } as never,
    claims: createClaimsVerifier({
      audience: 'catalog',
      issuers: { gateway: { keys: createLocalKeySet(GATEWAY.published) } },
      replay: memoryReplayGuard(),
    }),
    createContext: (request) => request,
    isReady: async () => true,
    logger: createLogger('catalog', 'silent'),
    production: false,
  });
  ({ url } = await server.listen(0));
});
afterAll(() => server.stop());

async function ask(query: string, variables?: Record<string, unknown>) {
  const claims = signForwardedClaims(GATEWAY, {
    audience: 'catalog',
    viewer: null,
    digest: requestDigest(query, variables),
  });
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CLAIMS_HEADER]: claims },
    body: JSON.stringify({ query, variables }),
  });
}

it('answers a query and an _entities fetch without an ETag or a cache-control header', async () => {
  const list = await ask('{ items { id name } }');
  expect(await list.json()).toEqual({ data: { items: [{ id: 'i1', name: 'one' }] } });
  const entities = await ask('query($r: [_Any!]!) { _entities(representations: $r) { ... on Item { name } } }', {
    r: [{ __typename: 'Item', id: 'i2' }],
  });
  expect(await entities.json()).toEqual({ data: { _entities: [{ name: 'one' }] } });
  for (const response of [list, entities]) {
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('cache-control')).toBeNull();
  }
});
