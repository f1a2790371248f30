// A page of a zoo's animals reads only the columns the operation selects: the fan-out's `name species` reads no
// timestamps, and whatever is selected — through fragments, aliases, cursors — comes back as a full read would.
import { createAnimal, newUser, startAnimalTestbed, type AnimalTestbed } from './support/animal-subgraph';

let testbed: AnimalTestbed;
let zooId: string;
beforeAll(async () => {
  testbed = await startAnimalTestbed();
  const owner = newUser();
  zooId = testbed.addZoo(owner);
  for (let index = 0; index < 4; index++)
    await createAnimal(testbed.animal, owner, {
      name: `A${index}`,
      species: 'Gnu',
      zooId,
      birthDate: '2020-01-0' + (index + 1),
      photoUrl: `https://example.com/${index}.jpg`,
    });
});
afterAll(() => testbed.close());

const zooEntities = (selection: string, fragments = '') =>
  `query($r: [_Any!]!) { _entities(representations: $r) { ... on Zoo { ${selection} } } } ${fragments}`;
const ask = async (query: string) => {
  const result = await testbed.animal.graphql(query, { r: [{ __typename: 'Zoo', id: zooId }] }, { viewer: null });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!._entities[0];
};
const pageStatements = () => testbed.animal.statements.sql.filter((text) => /row_number\(\)/.test(text));

it('reads no timestamps for a page asked for names and species (the fan-out)', async () => {
  testbed.animal.statements.reset();
  const zoo = await ask(zooEntities('animals(first: 3) { totalCount edges { node { name species } } }'));
  expect(zoo.animals.edges.map((edge: any) => edge.node)).toEqual(
    ['A0', 'A1', 'A2'].map((name) => ({ name, species: 'Gnu' })),
  );
  const [page] = pageStatements();
  expect(page).toBeDefined();
  for (const column of ['"created_at"', '"updated_at"', '"birth_date"', '"photo_url"'])
    expect(page).not.toContain(column);
});

it('answers every field, through fragments and aliases, and cursors as a full read does', async () => {
  const zoo = await ask(
    zooEntities(
      'animals(first: 2) { edges { cursor node { ...All } } pageInfo { endCursor } } next: animals(first: 1) { edges { n: node { name } } }',
      'fragment All on Animal { id name species birthDate photoUrl createdAt owner { id } zoo { id } }',
    ),
  );
  for (const { node } of zoo.animals.edges) {
    const one = await testbed.animal.graphql(
      'query($id: ID!) { animal(id: $id) { id name species birthDate photoUrl createdAt owner { id } zoo { id } } }',
      { id: node.id },
      { viewer: null },
    );
    expect(node).toEqual(one.data!.animal);
  }
  expect(zoo.next.edges).toEqual([{ n: { name: 'A0' } }]);
  expect(zoo.animals.pageInfo.endCursor).toBe(zoo.animals.edges[1].cursor);
  const after = await ask(
    zooEntities(`animals(first: 5, after: "${zoo.animals.pageInfo.endCursor}") { edges { node { name } } }`),
  );
  expect(after.animals.edges.map((edge: any) => edge.node.name)).toEqual(['A2', 'A3']);
});

it('serves two selections of the same page with one statement that reads what both need', async () => {
  testbed.animal.statements.reset();
  const zoo = await ask(
    zooEntities(
      'names: animals(first: 2) { edges { node { name } } } more: animals(first: 2) { edges { node { birthDate photoUrl } } }',
    ),
  );
  expect(zoo.names.edges.map((edge: any) => edge.node.name)).toEqual(['A0', 'A1']);
  expect(zoo.more.edges.map((edge: any) => edge.node)).toEqual([
    { birthDate: '2020-01-01', photoUrl: 'https://example.com/0.jpg' },
    { birthDate: '2020-01-02', photoUrl: 'https://example.com/1.jpg' },
  ]);
  expect(pageStatements()).toHaveLength(1);
});
