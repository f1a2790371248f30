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

const countAnimals = async () =>
  Number((await testbed.animal.sql<{ count: string }>('select count(*) from animals'))[0]!.count);
const tomorrow = () => new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

describe('animal input rules', () => {
  it.each([
    ['name', { name: '', species: 'Cat' }],
    ['name', { name: 'n'.repeat(101), species: 'Cat' }],
    ['species', { name: 'Tom', species: '   ' }],
    ['birthDate', { name: 'Tom', species: 'Cat', birthDate: 'tomorrow' }],
    ['photoUrl', { name: 'Tom', species: 'Cat', photoUrl: 'http://insecure.example.com/tom.png' }],
    ['photoUrl', { name: 'Tom', species: 'Cat', photoUrl: 'javascript:alert(1)' }],
    ['zooId', { name: 'Tom', species: 'Cat', zooId: 'zoo-1' }],
  ])('rejects a bad %s with BAD_USER_INPUT and writes nothing', async (field, input) => {
    const before = await countAnimals();
    const result = await testbed.animal.graphql(CREATE_ANIMAL, { input }, { viewer: newUser() });
    expect(result.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT/);
    if (field !== 'birthDate') expect(result.errors?.[0]?.extensions?.field).toBe(field);
    expect(await countAnimals()).toBe(before);
  });

  it('refuses a birth date in the future', async () => {
    const result = await testbed.animal.graphql(
      CREATE_ANIMAL,
      { input: { name: 'Future', species: 'Cat', birthDate: tomorrow() } },
      { viewer: newUser() },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'birthDate' });
  });

  it('filters animals by species (ignoring case), name, zoo and owner', async () => {
    const owner = newUser();
    const zooId = testbed.addZoo(owner);
    await createAnimal(testbed.animal, owner, { name: 'Stripes', species: 'Zebra', zooId });
    await createAnimal(testbed.animal, owner, { name: 'Spots', species: 'Leopard' });
    await createAnimal(testbed.animal, newUser(), { name: 'Stripey', species: 'zebra' });
    const names = async (filter: Record<string, unknown>) =>
      (
        await testbed.animal.graphql(
          'query($f: AnimalFilter) { animals(first: 100, filter: $f) { edges { node { name } } } }',
          { f: filter },
        )
      )
        .data!.animals.edges.map((edge: any) => edge.node.name)
        .sort();
    expect(await names({ species: 'ZEBRA' })).toEqual(['Stripes', 'Stripey']);
    expect(await names({ nameContains: 'strip', ownerId: owner.id })).toEqual(['Stripes']);
    expect(await names({ zooId })).toEqual(['Stripes']);
    expect(codeOf(await testbed.animal.graphql('{ animals(filter: { zooId: "nope" }) { totalCount } }'))).toBe(
      'BAD_USER_INPUT',
    );
  });
});
