import {
  codeOf,
  CREATE_ANIMAL,
  createAnimal,
  newUser,
  startAnimalTestbed,
  type AnimalTestbed,
} from './support/animal-subgraph';

let testbed: AnimalTestbed;
beforeAll(async () => {
  testbed = await startAnimalTestbed();
});
afterAll(() => testbed.close());

const MOVE = 'mutation Move($id: ID!, $zooId: ID) { moveAnimal(id: $id, zooId: $zooId) { zoo { id } } }';
const UPDATE =
  'mutation Update($id: ID!, $input: UpdateAnimalInput!) { updateAnimal(id: $id, input: $input) { name birthDate photoUrl } }';
const DELETE = 'mutation Delete($id: ID!) { deleteAnimal(id: $id) }';
const countAnimals = async () =>
  Number((await testbed.animal.sql<{ count: string }>('select count(*) from animals'))[0]!.count);

describe('animal ownership', () => {
  it('creates an animal in the caller’s own zoo', async () => {
    const owner = newUser();
    const zooId = testbed.addZoo(owner);
    const result = await testbed.animal.graphql(
      CREATE_ANIMAL,
      {
        input: {
          name: 'Nala',
          species: 'Lion',
          birthDate: '2020-05-17',
          zooId,
          photoUrl: 'https://example.com/nala.jpg',
        },
      },
      { viewer: owner },
    );
    expect(result.data!.createAnimal).toMatchObject({
      name: 'Nala',
      species: 'Lion',
      birthDate: '2020-05-17',
      photoUrl: 'https://example.com/nala.jpg',
      owner: { id: owner.id },
      zoo: { id: zooId },
    });
  });

  it('asks the zoo service with claims signed by the animal service for the caller', async () => {
    const owner = newUser();
    const zooId = testbed.addZoo(owner);
    testbed.zooService.calls.length = 0;
    await createAnimal(testbed.animal, owner, { name: 'Kiara', zooId });
    expect(testbed.zooService.calls).toHaveLength(1);
    expect(testbed.zooService.calls[0]).toMatchObject({
      variables: { id: zooId },
      claims: { issuer: 'animal', viewer: owner },
    });
  });

  it('refuses to put an animal in someone else’s zoo (FORBIDDEN) or a zoo that does not exist, writing nothing', async () => {
    const before = await countAnimals();
    const someoneElsesZoo = testbed.addZoo(newUser());
    const forbidden = await testbed.animal.graphql(
      CREATE_ANIMAL,
      { input: { name: 'Intruder', species: 'Fox', zooId: someoneElsesZoo } },
      { viewer: newUser() },
    );
    expect(codeOf(forbidden)).toBe('FORBIDDEN');
    const missing = await testbed.animal.graphql(
      CREATE_ANIMAL,
      { input: { name: 'Ghost', species: 'Fox', zooId: '00000000-0000-4000-8000-000000000000' } },
      { viewer: newUser() },
    );
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'zooId' });
    expect(await countAnimals()).toBe(before);
  });

  it('lets an admin place an animal in any zoo', async () => {
    const owner = newUser();
    const animalId = await createAnimal(testbed.animal, owner, { name: 'Simba' });
    const otherZoo = testbed.addZoo(newUser());
    expect(codeOf(await testbed.animal.graphql(MOVE, { id: animalId, zooId: otherZoo }, { viewer: owner }))).toBe(
      'FORBIDDEN',
    );
    const moved = await testbed.animal.graphql(MOVE, { id: animalId, zooId: otherZoo }, { viewer: newUser('ADMIN') });
    expect(moved.data!.moveAnimal.zoo).toEqual({ id: otherZoo });
  });

  it('moves an animal between its owner’s zoos and out of any zoo', async () => {
    const owner = newUser();
    const [first, second] = [testbed.addZoo(owner), testbed.addZoo(owner)];
    const animalId = await createAnimal(testbed.animal, owner, { name: 'Timon', zooId: first });
    expect(
      (await testbed.animal.graphql(MOVE, { id: animalId, zooId: second }, { viewer: owner })).data!.moveAnimal.zoo,
    ).toEqual({ id: second });
    expect(
      (await testbed.animal.graphql(MOVE, { id: animalId, zooId: null }, { viewer: owner })).data!.moveAnimal.zoo,
    ).toBeNull();
  });

  it('lets only the owner or an admin update or delete; others get FORBIDDEN and change nothing', async () => {
    const owner = newUser();
    const animalId = await createAnimal(testbed.animal, owner, { name: 'Pumbaa', birthDate: '2019-01-01' });
    const stranger = newUser();
    expect(
      codeOf(await testbed.animal.graphql(UPDATE, { id: animalId, input: { name: 'Stolen' } }, { viewer: stranger })),
    ).toBe('FORBIDDEN');
    expect(codeOf(await testbed.animal.graphql(DELETE, { id: animalId }, { viewer: stranger }))).toBe('FORBIDDEN');
    expect(codeOf(await testbed.animal.graphql(DELETE, { id: animalId }))).toBe('UNAUTHENTICATED');
    expect(await testbed.animal.sql('select name from animals where id = $1', [animalId])).toEqual([
      { name: 'Pumbaa' },
    ]);

    const updated = await testbed.animal.graphql(
      UPDATE,
      { id: animalId, input: { name: 'Pumbaa II', birthDate: null } },
      { viewer: owner },
    );
    expect(updated.data!.updateAnimal).toEqual({ name: 'Pumbaa II', birthDate: null, photoUrl: null });
    expect(
      (await testbed.animal.graphql(DELETE, { id: animalId }, { viewer: newUser('ADMIN') })).data!.deleteAnimal,
    ).toBe(true);
    expect(
      (await testbed.animal.graphql('query($id: ID!) { animal(id: $id) { id } }', { id: animalId })).data!.animal,
    ).toBeNull();
  });

  it('refuses anonymous creation', async () => {
    expect(
      codeOf(
        await testbed.animal.graphql(CREATE_ANIMAL, { input: { name: 'Anon', species: 'Cat' } }, { viewer: null }),
      ),
    ).toBe('UNAUTHENTICATED');
  });
});

describe('when the zoo service cannot answer', () => {
  it.each(['fail', 'hang'] as const)(
    'createAnimal into a zoo fails with a clear error and writes nothing (%s)',
    async (mode) => {
      const owner = newUser();
      const zooId = testbed.addZoo(owner);
      const before = await countAnimals();
      testbed.zooService.mode = mode;
      try {
        const result = await testbed.animal.graphql(
          CREATE_ANIMAL,
          { input: { name: 'Stranded', species: 'Otter', zooId } },
          { viewer: owner },
        );
        expect(result.errors?.[0]?.message).toBe(
          'The zoo service is unavailable right now; nothing was changed. Try again.',
        );
        expect(result.data).toBeNull();
      } finally {
        testbed.zooService.mode = 'answer';
      }
      expect(await countAnimals()).toBe(before);
    },
  );

  it('still creates animals that go into no zoo', async () => {
    testbed.zooService.mode = 'fail';
    try {
      await expect(createAnimal(testbed.animal, newUser(), { name: 'Free roamer' })).resolves.toEqual(
        expect.any(String),
      );
    } finally {
      testbed.zooService.mode = 'answer';
    }
  });
});
