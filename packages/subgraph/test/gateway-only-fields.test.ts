// `_service` and `_entities` are checked in their resolvers, not only at the door: a caller trusted for any
// operation but not the gateway (a misconfigured trust, say) still gets neither the SDL nor entities.
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
  type ServiceKeys,
} from '@supergraph/auth';
import { createLogger, createSubgraphServer, type RequestInfo, type SubgraphServer } from '../src';

const GATEWAY = serviceKeys('gateway', generateSigningKey());
const SCANNER = serviceKeys('scanner', generateSigningKey());
let server: SubgraphServer;
let url: string;

beforeAll(async () => {
  server = createSubgraphServer<RequestInfo>({
    name: 'catalog',
    typeDefs: parse(
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"]) type Item @key(fields: "id") { id: ID! } type Query { hello: String }',
    ),
    resolvers: {
      Query: { hello: () => 'world' },
      Item: { __resolveReference: (item: { id: string }) => item },
    } as never,
    claims: createClaimsVerifier({
      audience: 'catalog',
      issuers: {
        gateway: { keys: createLocalKeySet(GATEWAY.published) },
        scanner: { keys: createLocalKeySet(SCANNER.published) },
      },
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

async function ask(keys: ServiceKeys, query: string, variables?: Record<string, unknown>) {
  const claims = signForwardedClaims(keys, {
    audience: 'catalog',
    viewer: null,
    digest: requestDigest(query, variables),
  });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CLAIMS_HEADER]: claims },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
}

const SERVICE = '{ ... on Query { _service { sdl } } }';
const ENTITIES = 'query($r: [_Any!]!) { e: _entities(representations: $r) { ... on Item { id } } }';
const ITEM = { r: [{ __typename: 'Item', id: 'i1' }] };

it('serves _service and _entities to the gateway', async () => {
  expect((await ask(GATEWAY, SERVICE)).data._service.sdl).toContain('type Item');
  expect((await ask(GATEWAY, ENTITIES, ITEM)).data.e).toEqual([{ id: 'i1' }]);
});

it('refuses them, FORBIDDEN, to any other signed caller, however the selection is wrapped', async () => {
  const sdl = await ask(SCANNER, SERVICE);
  expect(sdl.data?._service ?? null).toBeNull();
  expect(sdl.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const entities = await ask(SCANNER, ENTITIES, ITEM);
  expect(entities.data?.e ?? null).toBeNull();
  expect(entities.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  // The same caller may run ordinary fields.
  expect((await ask(SCANNER, '{ hello }')).data).toEqual({ hello: 'world' });
});
