import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph as FederatedSupergraph } from '@apollo/federation-internals';
import { isObjectType } from 'graphql';
import { ASSUMED_LIST_SIZES, unboundedListKey } from '../src';
import { loadConfig } from '../src/config';
import { startGateway, startSupergraph, type ExtraGateway, type Supergraph } from './support/supergraph';

let supergraph: Supergraph;
let gateway: ExtraGateway;

beforeAll(async () => {
  supergraph = await startSupergraph();
  gateway = await startGateway(supergraph, { production: true });
});
afterAll(async () => {
  await gateway.stop();
  await supergraph.close();
});

/** How many fetches the gateway has sent to subgraphs so far (from its own metrics). */
async function subgraphFetches(): Promise<number> {
  const metrics = await (await fetch(gateway.metricsUrl)).text();
  return [...metrics.matchAll(/^supergraph_subgraph_fetch_duration_seconds_count\{[^}]*\} (\d+)/gm)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  );
}

function expectRejected(response: { status: number; body: any; text: string }) {
  expect(response.status).toBe(400);
  expect(response.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(response.body.data).toBeUndefined();
}

describe('operation limits (production)', () => {
  it('answers an ordinary query', async () => {
    const response = await gateway.query(
      'query Zoos { zoos(first: 10) { totalCount edges { node { name owner { username } animals(first: 10) { totalCount } } } } }',
    );
    expect(response.status).toBe(200);
    expect(response.body.data.zoos.totalCount).toEqual(expect.any(Number));
  });

  it('rejects each attack with 400 GRAPHQL_VALIDATION_FAILED before any subgraph is called, without revealing the limit', async () => {
    const before = await subgraphFetches();
    const depth11 = `{ zoo(id: "x") { ${'owner { zoos { edges { node { '.repeat(3)} id ${'} } } } '.repeat(3)} } }`;
    const aliases31 = `{ ${Array.from({ length: 31 }, (_, index) => `a${index}: users(first: 1) { totalCount }`).join(' ')} }`;
    const directives51 = `{ users(first: 1) { totalCount ${'@include(if: true) '.repeat(51)} } }`;
    // 20 000 tokens in 40 KB, well under the body limit: the token limit is what stops it.
    const tokens20000 = `{ users(first: 1) { ${'a '.repeat(20_000)} } }`;
    const costBomb =
      '{ users(first: 100) { edges { node { zoos(first: 100) { edges { node { animals(first: 100) { edges { node { name } } } } } } } } } }';
    const fragmentCycle =
      'query Cycle { users { ...A } } fragment A on UserConnection { ...B } fragment B on UserConnection { ...A }';
    for (const attack of [depth11, aliases31, directives51, tokens20000, costBomb, fragmentCycle]) {
      const response = await gateway.query(attack);
      expectRejected(response);
      expect(response.text).not.toMatch(/\b(10|30|50|2000|25000)\b/);
    }
    expect(await subgraphFetches()).toBe(before);
  });

  it('counts page sizes given through variables', async () => {
    const query =
      'query Bomb($n: Int) { users(first: $n) { edges { node { zoos(first: $n) { edges { node { animals(first: $n) { edges { node { name } } } } } } } } } }';
    expectRejected(await gateway.query(query, { n: 100 }));
    expect((await gateway.query(query, { n: 2 })).status).toBe(200);
  });

  it('refuses a 150 KB body with 413', async () => {
    const response = await gateway.query(`{ users { totalCount } } # ${'x'.repeat(150 * 1024)}`);
    expect(response.status).toBe(413);
    expect(response.body).toEqual({
      errors: [{ message: 'Request body too large', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('refuses a body that is not JSON with 400', async () => {
    const response = await gateway.post('{ "query": ');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('refuses too many tokens before parsing, with a GraphQL-shaped 400', async () => {
    const response = await gateway.query(`{ users(first: 1) { ${'a '.repeat(20_000)} } }`);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: [{ message: 'Operation is too large', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
  });

  it('refuses batched (array) requests', async () => {
    const response = await gateway.post([{ query: '{ users { totalCount } }' }, { query: '{ users { totalCount } }' }]);
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/batching/i);
  });

  it('refuses introspection and keeps "Did you mean" hints to itself', async () => {
    expectRejected(await gateway.query('{ __schema { types { name } } }'));
    const typo = await gateway.query('{ userz { totalCount } }');
    expectRejected(typo);
    expect(typo.text).not.toMatch(/Did you mean/);
    expect(typo.text).not.toMatch(/stacktrace|serviceName/);
  });

  it('shows limits and hints in development, where they help', async () => {
    const development = await startGateway(supergraph, { production: false });
    try {
      const typo = await development.query('{ userz { totalCount } }');
      expect(typo.body.errors[0].message).toMatch(/Did you mean .*"users"/);
      const tokens = await development.query(`{ ${'a '.repeat(20_000)} }`);
      expect(tokens.status).toBe(400);
      expect(tokens.text).toMatch(/token/i);
      const aliases = await development.query(
        `{ ${Array.from({ length: 31 }, (_, index) => `a${index}: me { id }`).join(' ')} }`,
      );
      expect(aliases.status).toBe(400);
      expect(aliases.text).toMatch(/30/);
    } finally {
      await development.stop();
    }
  });
});

describe('lists no argument bounds (cost model)', () => {
  it('has an assumed size declared for every such list of the supergraph', () => {
    const sdl = readFileSync(path.resolve(__dirname, '../../supergraph.graphql'), 'utf8');
    const schema = FederatedSupergraph.build(sdl).apiSchema().toGraphQLJSSchema();
    const unbounded = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((type) => Object.values(type.getFields()).map((field) => unboundedListKey(type, field)))
      .filter((key): key is string => key !== null);
    expect(unbounded.sort()).toEqual(Object.keys(ASSUMED_LIST_SIZES).sort());
  });

  it('takes other sizes from COST_LIST_SIZES, and names the variable when one is unreadable', () => {
    expect(loadConfig({ NODE_ENV: 'test', COST_LIST_SIZES: 'Leaderboard.members=1000' }).COST_LIST_SIZES).toEqual({
      'Leaderboard.members': 1000,
    });
    expect(() => loadConfig({ NODE_ENV: 'test', COST_LIST_SIZES: 'members: lots' })).toThrow(/COST_LIST_SIZES/);
  });

  it('counts a leaderboard’s members at the member cap: nesting lists under them is refused, a board is not', async () => {
    const { auth } = await supergraph.signUp('board_owner');
    const created = await supergraph.query(
      'mutation($input: CreateLeaderboardInput!) { createLeaderboard(input: $input) { id } }',
      { input: { name: 'Cost board', year: 2024 } },
      auth,
    );
    const id = created.data!.createLeaderboard.id;

    const board = await gateway.query(
      'query Board($id: ID!) { leaderboard(id: $id) { name members { user { username } localScore stars } } }',
      { id },
      auth,
    );
    expect(board.status).toBe(200);
    expect(board.body.data.leaderboard.members).toEqual([
      { user: { username: 'board_owner' }, localScore: 0, stars: 0 },
    ]);

    // 200 members × 50 completions × a puzzle each: the list sizes multiply past the budget.
    const before = await subgraphFetches();
    const nested = await gateway.query(
      'query Nested($id: ID!) { leaderboard(id: $id) { members { user { completions(year: 2024) { puzzle { title description input } } } } } }',
      { id },
      auth,
    );
    expectRejected(nested);
    expect(await subgraphFetches()).toBe(before);
  });
});
