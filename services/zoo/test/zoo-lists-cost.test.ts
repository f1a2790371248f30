// What a zoo list costs is bounded by what a client asks: totalCount runs a COUNT only when selected, a name
// search needs at least 3 characters (the trigram index), and a tampered cursor is BAD_USER_INPUT before any
// SQL and without an error-level log line, while the lists page and count as before.
import { createLogger } from '@supergraph/subgraph';
import { createZoo, newUser, startZooTestbed, type ZooTestbed } from './support/zoo-subgraph';

let testbed: ZooTestbed;
const logs: { level: number }[] = [];
const owner = newUser();

beforeAll(async () => {
  testbed = await startZooTestbed(
    createLogger('zoo', 'info', { write: (line: string) => void logs.push(JSON.parse(line)) }),
  );
  for (const name of ['Savanna Park', 'Savanna West', 'Reef']) await createZoo(testbed.zoo, owner, name);
});
afterAll(() => testbed.close());

const countStatements = () => testbed.zoo.statements.sql.filter((text) => /\bcount\(\*\)/i.test(text));

const LISTS = {
  'Query.zoos': {
    query: (args: string, selection: string) => `{ zoos(${args}) { ${selection} } }`,
    connection: (data: any) => data.zoos,
  },
  'User.zoos': {
    query: (args: string, selection: string) =>
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { zoos(${args}) { ${selection} } } } }`,
    connection: (data: any) => data._entities[0].zoos,
  },
};
const variables = () => ({ r: [{ __typename: 'User', id: owner.id }] });

describe.each(Object.entries(LISTS))('%s', (_list, list) => {
  it('runs no COUNT without totalCount, and one with it', async () => {
    testbed.zoo.statements.reset();
    const page = await testbed.zoo.graphql(list.query('first: 2', 'edges { node { name } }'), variables());
    expect(list.connection(page.data).edges).toHaveLength(2);
    expect(countStatements()).toEqual([]);

    testbed.zoo.statements.reset();
    const counted = await testbed.zoo.graphql(list.query('first: 2', 'totalCount'), variables());
    expect(list.connection(counted.data).totalCount).toBe(3);
    expect(countStatements()).toHaveLength(1);
  });

  it.each([
    ['an id that is not a uuid', Buffer.from('["2026-11-26T10:00:00.000Z","zoo-1"]').toString('base64url')],
    ['an extra key', Buffer.from('{"createdAt":"2026-11-26T10:00:00.000Z","id":"x","y":1}').toString('base64url')],
    ['bad base64', '@@@'],
    ['too many characters', 'A'.repeat(5000)],
  ])('refuses a cursor with %s as BAD_USER_INPUT on `after`, running no SQL', async (_shape, after) => {
    logs.length = 0;
    testbed.zoo.statements.reset();
    const result = await testbed.zoo.graphql(list.query(`first: 2, after: "${after}"`, 'totalCount'), variables());
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(testbed.zoo.statements.count).toBe(0);
    expect(logs.filter((line) => line.level >= 50)).toEqual([]);
  });

  it('pages on with a cursor it issued', async () => {
    const first = await testbed.zoo.graphql(list.query('first: 2', 'pageInfo { endCursor }'), variables());
    const after = list.connection(first.data).pageInfo.endCursor;
    const second = await testbed.zoo.graphql(
      list.query(`first: 2, after: "${after}"`, 'edges { node { name } }'),
      variables(),
    );
    expect(list.connection(second.data).edges).toEqual([{ node: { name: 'Reef' } }]);
  });
});

describe('zoos(filter: { nameContains })', () => {
  const search = (text: string) =>
    testbed.zoo.graphql('query($text: String) { zoos(filter: { nameContains: $text }) { totalCount } }', { text });

  it.each(['S', ' sa ', 'ef'])('refuses %j (under 3 characters once trimmed) as BAD_USER_INPUT', async (text) => {
    testbed.zoo.statements.reset();
    const result = await search(text);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.nameContains' });
    expect(testbed.zoo.statements.count).toBe(0);
  });

  it('searches with 3 or more characters', async () => {
    expect((await search('savanna')).data!.zoos.totalCount).toBe(2);
    expect((await search(' REE ')).data!.zoos.totalCount).toBe(1);
  });
});
