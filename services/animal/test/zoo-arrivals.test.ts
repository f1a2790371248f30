// animalAdded(zooId), as the gateway sees it over graphql-ws: every animal that arrives in the zoo, created in
// it or moved into it, pushed to anyone watching the zoo.
import { subscribeToSubgraph, type SubgraphSubscriber } from '@supergraph/testing';
import { codeOf, createAnimal, newUser, startAnimalTestbed, type AnimalTestbed } from './support/animal-subgraph';

const ANIMAL_ADDED = /* GraphQL */ `
  subscription Arrivals($zooId: ID!) {
    animalAdded(zooId: $zooId) {
      id
      name
      owner {
        id
      }
      zoo {
        id
      }
    }
  }
`;
const MOVE = 'mutation Move($id: ID!, $zooId: ID) { moveAnimal(id: $id, zooId: $zooId) { id } }';

interface AnimalAdded {
  animalAdded: { id: string; name: string; owner: { id: string }; zoo: { id: string } };
}

let testbed: AnimalTestbed;
let gateway: SubgraphSubscriber;
beforeAll(async () => {
  testbed = await startAnimalTestbed();
  gateway = subscribeToSubgraph(testbed.animal, 'animal');
});
afterAll(async () => {
  await gateway.close();
  await testbed.close();
});

describe('animalAdded', () => {
  it('pushes an animal created in the zoo or moved into it, and nothing else', async () => {
    const owner = newUser();
    const [zooId, otherZooId] = [testbed.addZoo(owner), testbed.addZoo(owner)];
    const arrivals = await gateway.subscribe(ANIMAL_ADDED, { zooId });

    await createAnimal(testbed.animal, owner, { name: 'Elsewhere', zooId: otherZooId });
    const homeless = await createAnimal(testbed.animal, owner, { name: 'Homeless' });
    const born = await createAnimal(testbed.animal, owner, { name: 'Nala', zooId });
    expect(await arrivals.nextData<AnimalAdded>()).toEqual({
      animalAdded: { id: born, name: 'Nala', owner: { id: owner.id }, zoo: { id: zooId } },
    });

    await testbed.animal.graphql(MOVE, { id: born, zooId }, { viewer: owner }); // already there: no arrival
    await testbed.animal.graphql(MOVE, { id: homeless, zooId }, { viewer: owner });
    expect(await arrivals.nextData<AnimalAdded>()).toMatchObject({
      animalAdded: { id: homeless, name: 'Homeless', zoo: { id: zooId } },
    });
    arrivals.unsubscribe();
  });

  it('pushes nothing for a change that is refused', async () => {
    const [owner, stranger] = [newUser(), newUser()];
    const zooId = testbed.addZoo(owner);
    const arrivals = await gateway.subscribe(ANIMAL_ADDED, { zooId });
    const strangers = await createAnimal(testbed.animal, stranger, { name: 'Stray' });
    expect(codeOf(await testbed.animal.graphql(MOVE, { id: strangers, zooId }, { viewer: stranger }))).toBe(
      'FORBIDDEN',
    );
    const welcome = await createAnimal(testbed.animal, owner, { name: 'Welcome', zooId });
    expect((await arrivals.nextData<AnimalAdded>()).animalAdded.id).toBe(welcome);
    arrivals.unsubscribe();
  });

  it('is refused without claims bound to the operation', async () => {
    const zooId = testbed.addZoo(newUser());
    for (const options of [{ unsigned: true }, { boundTo: { query: ANIMAL_ADDED, variables: { zooId: 'another' } } }]) {
      const refused = await gateway.subscribe(ANIMAL_ADDED, { zooId }, options);
      expect(await refused.next()).toMatchObject({
        type: 'error',
        errors: [{ extensions: { code: 'UNAUTHENTICATED' } }],
      });
    }
  });
});
