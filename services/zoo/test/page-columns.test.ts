// A page of a user's zoos reads only the columns the operation selects: the fan-out's `name` reads no
// timestamps, and whatever is selected — through fragments, aliases, cursors — comes back as a full read would.
import { createZoo, newUser, startZooTestbed, type ZooTestbed } from './support/zoo-subgraph';

let testbed: ZooTestbed;
const owner = newUser();
beforeAll(async () => {
  testbed = await startZooTestbed();
  for (const name of ['Z0', 'Z1', 'Z2']) await createZoo(testbed.zoo, owner, name);
});
afterAll(() => testbed.close());

const userEntities = (selection: string, fragments = '') =>
  `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { ${selection} } } } ${fragments}`;
const ask = async (query: string) => {
  const result = await testbed.zoo.graphql(query, { r: [{ __typename: 'User', id: owner.id }] }, { viewer: null });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!._entities[0];
};
const pageStatements = () => testbed.zoo.statements.sql.filter((text) => /row_number\(\)/.test(text));

it('reads no timestamps for a page asked for names (the fan-out)', async () => {
  testbed.zoo.statements.reset();
  const user = await ask(userEntities('zoos(first: 2) { edges { node { name } } }'));
  expect(user.zoos.edges).toEqual([{ node: { name: 'Z0' } }, { node: { name: 'Z1' } }]);
  const [page] = pageStatements();
  expect(page).toBeDefined();
  for (const column of ['"created_at"', '"updated_at"', '"description"']) expect(page).not.toContain(column);
});

it('answers every field, through fragments and aliases, and cursors as a full read does', async () => {
  const user = await ask(
    userEntities(
      'zoos(first: 2) { edges { cursor node { ...All } } pageInfo { endCursor } } one: zoos(first: 1) { edges { n: node { name } } }',
      'fragment All on Zoo { id name description createdAt updatedAt owner { id } }',
    ),
  );
  for (const { node } of user.zoos.edges) {
    const one = await testbed.zoo.graphql(
      'query($id: ID!) { zoo(id: $id) { id name description createdAt updatedAt owner { id } } }',
      { id: node.id },
      { viewer: null },
    );
    expect(node).toEqual(one.data!.zoo);
  }
  expect(user.one.edges).toEqual([{ n: { name: 'Z0' } }]);
  expect(user.zoos.pageInfo.endCursor).toBe(user.zoos.edges[1].cursor);
  const after = await ask(userEntities(`zoos(after: "${user.zoos.pageInfo.endCursor}") { edges { node { name } } }`));
  expect(after.zoos.edges).toEqual([{ node: { name: 'Z2' } }]);
});
