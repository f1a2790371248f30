import path from 'node:path';
import { readManifest, sha256 } from '../src';
import { startGateway, startSupergraph, type ExtraGateway, type Supergraph } from './support/supergraph';

let supergraph: Supergraph;
beforeAll(async () => {
  supergraph = await startSupergraph();
});
afterAll(() => supergraph.close());

const persisted = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

describe('automatic persisted queries (the default)', () => {
  let gateway: ExtraGateway;
  beforeAll(async () => {
    gateway = await startGateway(supergraph, { production: true });
  });
  afterAll(() => gateway.stop());

  it('asks for the text of an unknown hash, stores it when sent, then runs it by hash alone', async () => {
    const query = '{ users(first: 1) { totalCount } }';
    const hash = sha256(query);
    const unknown = await gateway.post(persisted(hash));
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const register = await gateway.post({ query, ...persisted(hash) });
    expect(register.body.data.users.totalCount).toEqual(expect.any(Number));

    const byHash = await gateway.post(persisted(hash));
    expect(byHash.body).toEqual(register.body);
  });

  it('refuses a hash that does not match the text', async () => {
    const response = await gateway.post({ query: '{ users { totalCount } }', ...persisted(sha256('something else')) });
    expect(response.status).toBe(400);
  });
});

describe('safelist mode', () => {
  const manifest = readManifest(path.join(__dirname, '../../packages/schema-checks/persisted-queries.json'));
  let gateway: ExtraGateway;
  beforeAll(async () => {
    gateway = await startGateway(supergraph, { production: true, persistedQueries: { mode: 'safelist', manifest } });
  });
  afterAll(() => gateway.stop());

  it('runs a manifest operation by hash and by its exact text', async () => {
    const usersPage = manifest.operations.find((operation) => operation.name === 'UsersPage')!;
    const byHash = await gateway.post({
      operationName: 'UsersPage',
      variables: { first: 1 },
      ...persisted(usersPage.id),
    });
    expect(byHash.body.data.users.totalCount).toEqual(expect.any(Number));
    const byText = await gateway.post({ query: usersPage.body, variables: { first: 1 } });
    expect(byText.body.data).toEqual(byHash.body.data);
  });

  it('rejects an operation that is not in the manifest, by text or by hash', async () => {
    const query = '{ users(first: 100) { edges { node { id username email } } } }';
    const byText = await gateway.post({ query });
    expect(byText.status).toBe(400);
    expect(byText.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(byText.body.data).toBeUndefined();
    // Sending text with its hash must not register it either.
    await gateway.post({ query, ...persisted(sha256(query)) });
    expect((await gateway.post(persisted(sha256(query)))).body.errors[0].extensions.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
  });
});
