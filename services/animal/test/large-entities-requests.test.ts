// The gateway resolves entities in batches: an `_entities` request for ~2000 animals is well over 100 KB and
// must be served. Anyone else keeps the small limit: an oversized body without the gateway's claims is a 413
// before it is read, and an unsigned small one is still refused as unauthenticated.
import { randomUUID } from 'node:crypto';
import { CLAIMS_HEADER } from '@supergraph/auth';
import { createAnimal, newUser, startAnimalTestbed, type AnimalTestbed } from './support/animal-subgraph';

let testbed: AnimalTestbed;
const known: string[] = [];

beforeAll(async () => {
  testbed = await startAnimalTestbed();
  for (const name of ['Ada', 'Bea']) known.push(await createAnimal(testbed.animal, newUser(), { name }));
});
afterAll(() => testbed.close());

const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Animal { id name } } }';
const representations = (count: number) => [
  ...known.map((id) => ({ __typename: 'Animal', id })),
  ...Array.from({ length: count - known.length }, () => ({ __typename: 'Animal', id: randomUUID() })),
];
const bodyOf = (variables: Record<string, unknown>) => JSON.stringify({ query: ENTITIES, variables });

it('serves the gateway an _entities request of 2000 representations (over 100 KB)', async () => {
  const variables = { r: representations(2000) };
  expect(Buffer.byteLength(bodyOf(variables))).toBeGreaterThan(100 * 1024);

  const result = await testbed.animal.graphql(ENTITIES, variables);

  expect(result.status).toBe(200);
  expect(result.errors).toBeUndefined();
  expect(result.data!._entities).toHaveLength(2000);
  expect(result.data!._entities.slice(0, 3)).toEqual([
    { id: known[0], name: 'Ada' },
    { id: known[1], name: 'Bea' },
    null,
  ]);
});

it('refuses the gateway a body over its limit (5 MB) with 413', async () => {
  const result = await testbed.animal.graphql(ENTITIES, {
    r: representations(2),
    padding: 'x'.repeat(5 * 1024 * 1024),
  });
  expect(result.status).toBe(413);
  expect(result.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
});

it('keeps 100 KB for a caller that is not the gateway: a service’s signed call of that size is a 413', async () => {
  const result = await testbed.animal.graphql(ENTITIES, { r: representations(2000) }, { issuer: 'zoo' });
  expect(result.status).toBe(413);
});

it('refuses an oversized unsigned body with 413, before reading it, and a small one with 401', async () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(testbed.animal.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  const large = await post(bodyOf({ r: representations(2000) }));
  expect(large.status).toBe(413);
  expect(large.headers.get('connection')).toBe('close');
  expect(await large.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });

  const forged = await post(bodyOf({ r: representations(2000) }), { [CLAIMS_HEADER]: 'forged.claims.header' });
  expect(forged.status).toBe(413);

  const small = await post(bodyOf({ r: representations(2) }));
  expect(small.status).toBe(401);
  expect(await small.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
});
