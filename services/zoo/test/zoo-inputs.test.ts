import { CREATE_ZOO, createZoo, newUser, startZooTestbed, type ZooTestbed } from './support/zoo-subgraph';

let testbed: ZooTestbed;
beforeAll(async () => {
  testbed = await startZooTestbed();
});
afterAll(() => testbed.close());

const countZoos = async () => Number((await testbed.zoo.sql<{ count: string }>('select count(*) from zoos'))[0]!.count);

describe('zoo input rules', () => {
  it.each([
    ['name', { name: '   ' }],
    ['name', { name: 'z'.repeat(101) }],
    ['description', { name: 'Fine', description: 'd'.repeat(2001) }],
    ['description', { name: 'Fine', description: 'Visit <a href="https://evil.example">us</a>' }],
  ])('rejects a bad %s with BAD_USER_INPUT and writes nothing', async (field, input) => {
    const before = await countZoos();
    const result = await testbed.zoo.graphql(CREATE_ZOO, { input }, { viewer: newUser() });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await countZoos()).toBe(before);
  });

  it('accepts exactly 100 characters of name and 2000 of description', async () => {
    const result = await testbed.zoo.graphql(
      CREATE_ZOO,
      { input: { name: 'n'.repeat(100), description: 'd'.repeat(2000) } },
      { viewer: newUser() },
    );
    expect(result.errors).toBeUndefined();
  });

  it('rejects an update with a bad name and leaves the zoo as it was', async () => {
    const owner = newUser();
    const zooId = await createZoo(testbed.zoo, owner, 'Keep me');
    const result = await testbed.zoo.graphql(
      'mutation($id: ID!) { updateZoo(id: $id, input: { name: "" }) { id } }',
      { id: zooId },
      { viewer: owner },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(await testbed.zoo.sql('select name from zoos where id = $1', [zooId])).toEqual([{ name: 'Keep me' }]);
  });

  it('validates list arguments: first ≤ 100, a real cursor, a real owner id', async () => {
    const fieldOf = async (query: string) => (await testbed.zoo.graphql(query)).errors?.[0]?.extensions?.field;
    expect(await fieldOf('{ zoos(first: 101) { totalCount } }')).toBe('first');
    expect(await fieldOf('{ zoos(after: "garbage") { totalCount } }')).toBe('after');
    expect(await fieldOf('{ zoos(filter: { ownerId: "42" }) { totalCount } }')).toBe('filter.ownerId');
  });

  it('filters by name substring (ignoring case, wildcards literal) and by owner', async () => {
    const owner = newUser();
    await createZoo(testbed.zoo, owner, 'Arctic World');
    await createZoo(testbed.zoo, owner, 'Desert 100%');
    await createZoo(testbed.zoo, newUser(), 'arctic annex');
    const names = async (filter: Record<string, unknown>) =>
      (
        await testbed.zoo.graphql('query($f: ZooFilter) { zoos(first: 100, filter: $f) { edges { node { name } } } }', {
          f: filter,
        })
      ).data!.zoos.edges.map((edge: any) => edge.node.name);
    expect(await names({ nameContains: 'ARCTIC' })).toEqual(['Arctic World', 'arctic annex']);
    expect(await names({ nameContains: 'arctic', ownerId: owner.id })).toEqual(['Arctic World']);
    expect(await names({ nameContains: '00%' })).toEqual(['Desert 100%']);
    expect(await names({ nameContains: '_ _' })).toEqual([]);
  });
});
