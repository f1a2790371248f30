import { createAnimal, newUser, startAnimalTestbed, type AnimalTestbed } from './support/animal-subgraph';

let testbed: AnimalTestbed;
beforeAll(async () => {
  testbed = await startAnimalTestbed();
});
afterAll(() => testbed.close());

// What the gateway sends to resolve Zoo.animals and Zoo.animalCount for many zoos at once.
const ZOO_ENTITIES = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Zoo {
        id
        animalCount
        animals(first: 5) {
          totalCount
          edges {
            node {
              name
              zoo {
                id
              }
            }
          }
          pageInfo {
            hasNextPage
          }
        }
        lions: animals(first: 5, filter: { species: "lion" }) {
          totalCount
        }
      }
    }
  }
`;

describe('Zoo.animals and Zoo.animalCount', () => {
  let zoos: string[];

  beforeAll(async () => {
    const owner = newUser();
    zoos = Array.from({ length: 200 }, () => testbed.addZoo(owner));
    // The first zoo holds 7 animals (2 lions), the second 1, the rest none.
    for (let index = 0; index < 7; index++) {
      await createAnimal(testbed.animal, owner, {
        name: `A${index}`,
        species: index < 2 ? 'Lion' : 'Gnu',
        zooId: zoos[0],
      });
    }
    await createAnimal(testbed.animal, owner, { name: 'B0', zooId: zoos[1] });
  });

  it('pages and counts each zoo’s own animals', async () => {
    const result = await testbed.animal.graphql(
      ZOO_ENTITIES,
      { representations: zoos.slice(0, 3).map((id) => ({ __typename: 'Zoo', id })) },
      { viewer: null },
    );
    const [first, second, third] = result.data!._entities;
    expect(first.animalCount).toBe(7);
    expect(first.animals.totalCount).toBe(7);
    expect(first.animals.edges.map((edge: any) => edge.node.name)).toEqual(['A0', 'A1', 'A2', 'A3', 'A4']);
    expect(first.animals.pageInfo.hasNextPage).toBe(true);
    expect(first.lions.totalCount).toBe(2);
    expect(second).toMatchObject({
      animalCount: 1,
      animals: { totalCount: 1, edges: [{ node: { name: 'B0', zoo: { id: zoos[1] } } }] },
    });
    expect(third).toMatchObject({ animalCount: 0, animals: { totalCount: 0, edges: [] } });
  });

  it('costs the same number of SQL statements for 1 zoo as for 200', async () => {
    const statementsFor = async (count: number) => {
      testbed.animal.statements.reset();
      const result = await testbed.animal.graphql(
        ZOO_ENTITIES,
        { representations: zoos.slice(0, count).map((id) => ({ __typename: 'Zoo', id })) },
        { viewer: null },
      );
      expect(result.data!._entities).toHaveLength(count);
      return testbed.animal.statements.count;
    };
    const one = await statementsFor(1);
    expect(one).toBeGreaterThan(0);
    expect(await statementsFor(200)).toBe(one);
  });

  it('resolves User.animals for many users in the same fixed number of statements', async () => {
    const users = Array.from({ length: 50 }, () => newUser());
    for (const user of users.slice(0, 5))
      await createAnimal(testbed.animal, user, { name: `Pet of ${user.id.slice(0, 4)}` });
    const query =
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { animals(first: 3) { totalCount edges { node { owner { id } } } } } } }';
    testbed.animal.statements.reset();
    const one = await testbed.animal.graphql(
      query,
      { r: [{ __typename: 'User', id: users[0]!.id }] },
      { viewer: null },
    );
    const oneCount = testbed.animal.statements.count;
    testbed.animal.statements.reset();
    const many = await testbed.animal.graphql(
      query,
      { r: users.map(({ id }) => ({ __typename: 'User', id })) },
      { viewer: null },
    );
    expect(testbed.animal.statements.count).toBe(oneCount);
    expect(one.data!._entities[0].animals.edges[0].node.owner.id).toBe(users[0]!.id);
    expect(many.data!._entities.filter((user: any) => user.animals.totalCount === 1)).toHaveLength(5);
  });
});
