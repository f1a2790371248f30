import { createZoo, newUser, startZooTestbed, type ZooTestbed } from './support/zoo-subgraph';

let testbed: ZooTestbed;
beforeAll(async () => {
  testbed = await startZooTestbed();
});
afterAll(() => testbed.close());

// What the gateway sends to resolve User.zoos for many users at once.
const ENTITIES = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on User {
        id
        zoos(first: 2) {
          totalCount
          edges {
            node {
              name
              owner {
                id
              }
            }
          }
          pageInfo {
            hasNextPage
          }
        }
      }
    }
  }
`;

describe('User.zoos', () => {
  it('gives each user their own zoos, first page and total', async () => {
    const ann = newUser();
    const ben = newUser();
    for (const name of ['A1', 'A2', 'A3']) await createZoo(testbed.zoo, ann, name);
    await createZoo(testbed.zoo, ben, 'B1');
    const nobody = newUser();
    const result = await testbed.zoo.graphql(
      ENTITIES,
      { representations: [ann, ben, nobody].map(({ id }) => ({ __typename: 'User', id })) },
      { viewer: null },
    );
    const [a, b, c] = result.data!._entities;
    expect(a.zoos).toEqual({
      totalCount: 3,
      edges: [{ node: { name: 'A1', owner: { id: ann.id } } }, { node: { name: 'A2', owner: { id: ann.id } } }],
      pageInfo: { hasNextPage: true },
    });
    expect(b.zoos).toMatchObject({ totalCount: 1, pageInfo: { hasNextPage: false } });
    expect(c.zoos).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false } });
  });

  it('costs the same number of SQL statements for 1 user as for 200', async () => {
    const users = Array.from({ length: 200 }, () => newUser());
    for (const user of users.slice(0, 20)) await createZoo(testbed.zoo, user, `Zoo of ${user.id.slice(0, 8)}`);
    const statementsFor = async (count: number) => {
      testbed.zoo.statements.reset();
      const result = await testbed.zoo.graphql(
        ENTITIES,
        { representations: users.slice(0, count).map(({ id }) => ({ __typename: 'User', id })) },
        { viewer: null },
      );
      expect(result.data!._entities).toHaveLength(count);
      return testbed.zoo.statements.count;
    };
    const one = await statementsFor(1);
    expect(one).toBeGreaterThan(0);
    expect(await statementsFor(200)).toBe(one);
  });
});
