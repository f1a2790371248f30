// Every statement of a subgraph's pool is bounded by Postgres's statement_timeout: a statement that runs past
// it (here a real pg_sleep in a trigger) is cancelled by Postgres, the client gets a retryable
// INTERNAL_SERVER_ERROR that says so (not a masked failure, no error-level log), and the pool serves the
// next requests as before. The base configuration every subgraph shares sets the timeout and the pool size.
import { createLogger, loadSubgraphConfig } from '@supergraph/subgraph';
import { startServiceHarness, startStubSubgraph, type StubSubgraph, type SubgraphHarness } from '@supergraph/testing';
import { service } from '../src';
import { CREATE_ZOO, newUser } from './support/zoo-subgraph';

describe('the database settings every subgraph shares', () => {
  const load = (env: Record<string, string>) =>
    loadSubgraphConfig(
      'zoo',
      { NODE_ENV: 'test', DATABASE_URL: 'postgres://localhost/zoo', ...env },
      service.loadSettings,
    ).config;

  it('bound each statement to 5 s and open 10 connections unless told otherwise', () => {
    expect(load({})).toMatchObject({ databaseStatementTimeoutMs: 5000, databasePoolMax: 10 });
    expect(load({ DATABASE_STATEMENT_TIMEOUT_MS: '250', DATABASE_POOL_MAX: '4' })).toMatchObject({
      databaseStatementTimeoutMs: 250,
      databasePoolMax: 4,
    });
  });

  it('names a bad value', () => {
    expect(() => load({ DATABASE_POOL_MAX: '0' })).toThrow(/DATABASE_POOL_MAX/);
    expect(() => load({ DATABASE_STATEMENT_TIMEOUT_MS: 'soon' })).toThrow(/DATABASE_STATEMENT_TIMEOUT_MS/);
  });
});

describe('a statement past statement_timeout', () => {
  const POOL_SIZE = 2;
  let zoo: SubgraphHarness;
  let animalService: StubSubgraph;
  const logs: { level: number; msg: string; err?: unknown }[] = [];
  const owner = newUser();
  const create = (name: string) => zoo.graphql(CREATE_ZOO, { input: { name } }, { viewer: owner });

  beforeAll(async () => {
    animalService = await startStubSubgraph('animal', () => ({}));
    zoo = await startServiceHarness(service, {
      settings: {},
      peers: { animal: { url: animalService.url, timeoutMs: 500 } },
      logger: createLogger('zoo', 'info', { write: (line: string) => void logs.push(JSON.parse(line)) }),
      pool: { maxConnections: POOL_SIZE, statementTimeoutMs: 300 },
    });
    // A zoo named "Slow…" takes a minute to insert: far past the timeout, so only a cancellation ends it.
    await zoo.sql(`
      create function slow_zoo() returns trigger language plpgsql as $$
      begin
        if new.name like 'Slow%' then perform pg_sleep(60); end if;
        return new;
      end $$`);
    await zoo.sql('create trigger slow_zoo before insert on zoos for each row execute function slow_zoo()');
  });
  afterAll(async () => {
    await zoo.close();
    await animalService.close();
  });

  it('fails that request cleanly while others are served, and leaves the pool usable', async () => {
    const slow = create('Slow Zoo');
    const meanwhile = await create('Meanwhile Zoo');
    const result = await slow;

    expect(result.data).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: 'The database took too long to answer; try again later',
        path: ['createZoo'],
        extensions: expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR', retryable: true }),
      }),
    ]);
    expect(meanwhile.errors).toBeUndefined();
    // Postgres itself cancelled it: nothing is still sleeping and nothing was written.
    expect(
      await zoo.sql(
        "select pid from pg_stat_activity where query like '%pg_sleep(60)%' and pid <> pg_backend_pid() and state = 'active'",
      ),
    ).toEqual([]);
    // One warning, without a stack; nothing at error level.
    expect(logs.filter((line) => line.level >= 50)).toEqual([]);
    expect(logs.filter((line) => line.msg.includes('statement_timeout'))).toEqual([
      expect.objectContaining({ level: 40, path: ['createZoo'] }),
    ]);
    expect(logs.some((line) => line.err !== undefined)).toBe(false);

    // Every connection of the pool still works: more requests than it holds, at once.
    const after = await Promise.all(Array.from({ length: POOL_SIZE * 3 }, (_, index) => create(`After ${index}`)));
    expect(after.every((response) => response.errors === undefined)).toBe(true);
    const { data } = await zoo.graphql(
      'query($id: ID) { zoos(first: 100, filter: { ownerId: $id }) { edges { node { name } } } }',
      { id: owner.id },
    );
    const names = data!.zoos.edges.map((edge: any) => edge.node.name);
    expect(names).toContain('Meanwhile Zoo');
    expect(names).not.toContain('Slow Zoo');
    expect(names).toHaveLength(1 + POOL_SIZE * 3);
  });
});
