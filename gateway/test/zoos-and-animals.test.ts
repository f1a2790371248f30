import { eventually } from '@supergraph/testing';
import { startSupergraph, type Supergraph } from './support/supergraph';

let supergraph: Supergraph;
beforeAll(async () => {
  supergraph = await startSupergraph();
});
afterAll(() => supergraph.close());

const CREATE_ZOO = 'mutation($input: CreateZooInput!) { createZoo(input: $input) { id } }';
const CREATE_ANIMAL = 'mutation($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }';
const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code;

async function must(result: Promise<{ data?: Record<string, any> | null; errors?: unknown[] }>) {
  const { data, errors } = await result;
  if (errors) throw new Error(JSON.stringify(errors));
  return data!;
}

describe('zoos and animals through the gateway', () => {
  it('answers one query that crosses users, zoo and animal', async () => {
    const { viewer, auth } = await supergraph.signUp('keeper');
    const zooId = (await must(supergraph.query(CREATE_ZOO, { input: { name: 'Northern Lights Zoo' } }, auth))).createZoo
      .id;
    await must(supergraph.query(CREATE_ANIMAL, { input: { name: 'Aurora', species: 'Snow owl', zooId } }, auth));
    await must(supergraph.query(CREATE_ANIMAL, { input: { name: 'Borealis', species: 'Arctic fox', zooId } }, auth));
    await must(supergraph.query(CREATE_ANIMAL, { input: { name: 'Wanderer', species: 'Reindeer' } }, auth));

    const result = await supergraph.query(
      `{ me { username zoos { edges { node { name animalCount animals { edges { node { name owner { username } zoo { name } } } } } } } animals { totalCount } } }`,
      undefined,
      auth,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.me).toEqual({
      username: 'keeper',
      zoos: {
        edges: [
          {
            node: {
              name: 'Northern Lights Zoo',
              animalCount: 2,
              animals: {
                edges: [
                  { node: { name: 'Aurora', owner: { username: 'keeper' }, zoo: { name: 'Northern Lights Zoo' } } },
                  { node: { name: 'Borealis', owner: { username: 'keeper' }, zoo: { name: 'Northern Lights Zoo' } } },
                ],
              },
            },
          },
        ],
      },
      animals: { totalCount: 3 },
    });
    expect(viewer.role).toBe('USER');
  });

  it('enforces ownership end to end: strangers are FORBIDDEN, anonymous is UNAUTHENTICATED, admins may', async () => {
    const owner = await supergraph.signUp('owner1');
    const stranger = await supergraph.signUp('stranger1');
    const zooId = (await must(supergraph.query(CREATE_ZOO, { input: { name: 'Private Park' } }, owner.auth))).createZoo
      .id;
    const animalId = (
      await must(supergraph.query(CREATE_ANIMAL, { input: { name: 'Rex', species: 'Dog' } }, owner.auth))
    ).createAnimal.id;

    expect(
      codeOf(
        await supergraph.query(
          'mutation($id: ID!) { updateZoo(id: $id, input: { name: "Mine" }) { id } }',
          { id: zooId },
          stranger.auth,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(await supergraph.query('mutation($id: ID!) { deleteAnimal(id: $id) }', { id: animalId }, stranger.auth)),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(
        await supergraph.query(CREATE_ANIMAL, { input: { name: 'Cuckoo', species: 'Bird', zooId } }, stranger.auth),
      ),
    ).toBe('FORBIDDEN');
    expect(codeOf(await supergraph.query(CREATE_ZOO, { input: { name: 'Anonymous Zoo' } }))).toBe('UNAUTHENTICATED');

    const admin = { authorization: `Bearer ${supergraph.accessTokenFor({ id: stranger.viewer.id, role: 'ADMIN' })}` };
    const moved = await supergraph.query(
      'mutation($id: ID!, $zooId: ID) { moveAnimal(id: $id, zooId: $zooId) { zoo { name } } }',
      { id: animalId, zooId },
      admin,
    );
    expect(moved.data!.moveAnimal.zoo).toEqual({ name: 'Private Park' });
  });

  it('deleting a zoo leaves its animals without a zoo, uncounted, and out of that zoo’s list', async () => {
    const { auth } = await supergraph.signUp('closer');
    const zooId = (await must(supergraph.query(CREATE_ZOO, { input: { name: 'Short-lived Zoo' } }, auth))).createZoo.id;
    const animalId = (
      await must(supergraph.query(CREATE_ANIMAL, { input: { name: 'Survivor', species: 'Tortoise', zooId } }, auth))
    ).createAnimal.id;

    expect(
      (await must(supergraph.query('mutation($id: ID!) { deleteZoo(id: $id) }', { id: zooId }, auth))).deleteZoo,
    ).toBe(true);

    // The animal service applies the ZooDeleted event the delete published, moments later.
    const animal = await eventually(
      () => must(supergraph.query('query($id: ID!) { animal(id: $id) { name zoo { id } } }', { id: animalId })),
      (data) => data.animal.zoo === null,
    );
    expect(animal.animal).toEqual({ name: 'Survivor', zoo: null });
    expect(await supergraph.subgraphs.animal.sql('select zoo_id from animals where id = $1', [animalId])).toEqual([
      { zoo_id: null },
    ]);
    const listed = await must(
      supergraph.query('query($zooId: ID) { animals(filter: { zooId: $zooId }) { totalCount } }', { zooId }),
    );
    expect(listed.animals.totalCount).toBe(0);
  });

  it('fails createAnimal cleanly, writing nothing, when the zoo service is stopped', async () => {
    const zooService = supergraph.subgraphs.zoo;
    const { auth } = await supergraph.signUp('unlucky');
    const zooId = (await must(supergraph.query(CREATE_ZOO, { input: { name: 'About to vanish' } }, auth))).createZoo.id;
    const before = await supergraph.subgraphs.animal.sql<{ count: string }>('select count(*) from animals');
    await zooService.server.stop();

    const result = await supergraph.query(CREATE_ANIMAL, { input: { name: 'Homeless', species: 'Cat', zooId } }, auth);
    expect(result.errors?.[0]?.message).toBe(
      'The zoo service is unavailable right now; nothing was changed. Try again.',
    );
    expect(result.data).toBeNull();
    expect(await supergraph.subgraphs.animal.sql('select count(*) from animals')).toEqual(before);
  });
});
