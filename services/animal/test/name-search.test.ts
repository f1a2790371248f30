// A name search must be able to use the trigram index: nameContains of 1 or 2 characters (after trimming) is
// BAD_USER_INPUT naming the field, before any SQL; 3 or more search as before.
import { codeOf, createAnimal, newUser, startAnimalTestbed, type AnimalTestbed } from './support/animal-subgraph';

let testbed: AnimalTestbed;
beforeAll(async () => {
  testbed = await startAnimalTestbed();
  const owner = newUser();
  for (const name of ['Ada', 'Adalbert', 'Bea']) await createAnimal(testbed.animal, owner, { name });
});
afterAll(() => testbed.close());

const SEARCH =
  'query($text: String) { animals(filter: { nameContains: $text }) { totalCount edges { node { name } } } }';

it.each(['a', 'Ad', '  d  ', ' %_'])(
  'refuses nameContains %j as BAD_USER_INPUT on filter.nameContains',
  async (text) => {
    testbed.animal.statements.reset();
    const result = await testbed.animal.graphql(SEARCH, { text });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.extensions!.field).toBe('filter.nameContains');
    expect(result.errors![0]!.message).toMatch(/at least 3 characters/);
    expect(testbed.animal.statements.count).toBe(0);
  },
);

it('finds animals by 3 or more characters, ignoring case and surrounding spaces', async () => {
  const result = await testbed.animal.graphql(SEARCH, { text: '  aDa ' });
  expect(result.errors).toBeUndefined();
  expect(result.data!.animals).toEqual({
    totalCount: 2,
    edges: [{ node: { name: 'Ada' } }, { node: { name: 'Adalbert' } }],
  });
});

it('treats an empty nameContains as no name filter', async () => {
  const result = await testbed.animal.graphql(SEARCH, { text: '   ' });
  expect(result.errors).toBeUndefined();
  expect(result.data!.animals.totalCount).toBe(3);
});
