// totalCount costs a COUNT only when a client selects it: a page of animals (Query.animals, Zoo.animals,
// User.animals) without totalCount runs no count statement, and with it the count is still the right one.
import { createAnimal, newUser, startAnimalTestbed, type AnimalTestbed } from './support/animal-subgraph';

let testbed: AnimalTestbed;
const owner = newUser();
let zooId: string;

beforeAll(async () => {
  testbed = await startAnimalTestbed();
  zooId = testbed.addZoo(owner);
  for (const name of ['Ada', 'Bea', 'Cid']) await createAnimal(testbed.animal, owner, { name, zooId });
  await createAnimal(testbed.animal, newUser(), { name: 'Dot' });
});
afterAll(() => testbed.close());

/** Runs `query` and returns its data and the count statements it ran. */
async function run(query: string, variables: Record<string, unknown> = {}) {
  testbed.animal.statements.reset();
  const result = await testbed.animal.graphql(query, variables);
  expect(result.errors).toBeUndefined();
  const counts = testbed.animal.statements.sql.filter((text) => /\bcount\(\*\)/i.test(text));
  return { data: result.data!, counts, statements: testbed.animal.statements.count };
}

const lists = {
  'Query.animals': {
    query: (selection: string) => `{ animals(first: 2) { ${selection} } }`,
    connection: (data: any) => data.animals,
    total: 4,
  },
  'Zoo.animals': {
    query: (selection: string) =>
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Zoo { animals(first: 2) { ${selection} } } } }`,
    connection: (data: any) => data._entities[0].animals,
    total: 3,
    variables: () => ({ r: [{ __typename: 'Zoo', id: zooId }] }),
  },
  'User.animals': {
    query: (selection: string) =>
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { animals(first: 2) { ${selection} } } } }`,
    connection: (data: any) => data._entities[0].animals,
    total: 3,
    variables: () => ({ r: [{ __typename: 'User', id: owner.id }] }),
  },
};

describe.each(Object.entries(lists))('%s', (_list, list) => {
  const variables = () => ('variables' in list ? list.variables() : {});

  it('runs no COUNT when totalCount is not selected, and still pages', async () => {
    const { data, counts, statements } = await run(
      list.query('edges { node { name } } pageInfo { hasNextPage }'),
      variables(),
    );
    expect(list.connection(data).edges).toHaveLength(2);
    expect(list.connection(data).pageInfo.hasNextPage).toBe(true);
    expect(statements).toBeGreaterThan(0);
    expect(counts).toEqual([]);
  });

  it('counts every matching row, once, when totalCount is selected', async () => {
    const { data, counts } = await run(list.query('edges { node { name } } totalCount again: totalCount'), variables());
    expect(list.connection(data)).toMatchObject({ totalCount: list.total, again: list.total });
    expect(list.connection(data).edges).toHaveLength(2);
    expect(counts).toHaveLength(1);
  });
});
