// A cursor is the server's own opaque value: one that was tampered with (bad base64, not JSON, a key of the
// wrong shape or types, an id that is not a uuid, too long) is BAD_USER_INPUT on `after`, runs no SQL and
// logs nothing at error level, on every list; a cursor the server issued still pages.
import { createLogger } from '@supergraph/subgraph';
import { codeOf, createAnimal, newUser, startAnimalTestbed, type AnimalTestbed } from './support/animal-subgraph';

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const AT = '2026-11-26T10:00:00.000Z';
const ID = '3f2b8c1e-7d4a-4c9b-9a1e-2b5c6d7e8f90';

const BAD_CURSORS: Record<string, string> = {
  'an id that is not a uuid': b64(JSON.stringify([AT, 'not-a-uuid'])),
  'an id that is a number': b64(JSON.stringify([AT, 7])),
  'a time that is not a time': b64(JSON.stringify(['not-a-time', ID])),
  'a time with no timezone': b64(JSON.stringify(['2026-11-26T10:00:00', ID])),
  'an extra value': b64(JSON.stringify([AT, ID, 1])),
  'one value only': b64(JSON.stringify([ID])),
  'an object with extra keys': b64(JSON.stringify({ createdAt: AT, id: ID, admin: true })),
  'bad base64': '%%%not-base64%%%',
  'base64 of something not JSON': b64('[2026-11-26, ' + ID),
  'far too long': b64(JSON.stringify([AT, ID])).repeat(50),
};

let testbed: AnimalTestbed;
const logs: { level: number; msg: string }[] = [];
const owner = newUser();
let zooId: string;

beforeAll(async () => {
  testbed = await startAnimalTestbed({
    logger: createLogger('animal', 'info', { write: (line: string) => void logs.push(JSON.parse(line)) }),
  });
  zooId = testbed.addZoo(owner);
  for (const name of ['Ada', 'Bea', 'Cid']) await createAnimal(testbed.animal, owner, { name, zooId });
});
afterAll(() => testbed.close());

const LISTS = {
  'Query.animals': {
    query:
      'query($after: String) { animals(first: 2, after: $after) { edges { node { name } } pageInfo { endCursor } } }',
    connection: (data: any) => data.animals,
    variables: (): Record<string, unknown> => ({}),
  },
  'Zoo.animals': {
    query: `query($after: String, $r: [_Any!]!) { _entities(representations: $r) { ... on Zoo {
      animals(first: 2, after: $after) { edges { node { name } } pageInfo { endCursor } } } } }`,
    connection: (data: any) => data._entities[0].animals,
    variables: (): Record<string, unknown> => ({ r: [{ __typename: 'Zoo', id: zooId }] }),
  },
};

describe.each(Object.entries(LISTS))('%s', (_list, list) => {
  it.each(Object.entries(BAD_CURSORS))(
    'refuses a cursor with %s as BAD_USER_INPUT, before any SQL',
    async (_shape, after) => {
      logs.length = 0;
      testbed.animal.statements.reset();
      const result = await testbed.animal.graphql(list.query, { ...list.variables(), after });
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.extensions!.field).toBe('after');
      expect(result.errors![0]!.message).toBe('Invalid cursor');
      // Zoo.animals reaches its parent through _entities, which reads nothing; the list itself runs no SQL.
      expect(testbed.animal.statements.sql).toEqual([]);
      expect(logs.filter((line) => line.level >= 50)).toEqual([]);
    },
  );

  it('pages on with the cursor it issued', async () => {
    const first = await testbed.animal.graphql(list.query, { ...list.variables(), after: null });
    const after = list.connection(first.data).pageInfo.endCursor;
    const second = await testbed.animal.graphql(list.query, { ...list.variables(), after });
    expect(second.errors).toBeUndefined();
    expect(list.connection(first.data).edges.map((edge: any) => edge.node.name)).toEqual(['Ada', 'Bea']);
    expect(list.connection(second.data).edges.map((edge: any) => edge.node.name)).toEqual(['Cid']);
  });
});
