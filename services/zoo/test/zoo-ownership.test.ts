import { CREATE_ZOO, createZoo, newUser, startZooTestbed, type ZooTestbed } from './support/zoo-subgraph';

let testbed: ZooTestbed;
beforeAll(async () => {
  testbed = await startZooTestbed();
});
afterAll(() => testbed.close());

const UPDATE =
  'mutation Update($id: ID!, $input: UpdateZooInput!) { updateZoo(id: $id, input: $input) { name description } }';
const DELETE = 'mutation Delete($id: ID!) { deleteZoo(id: $id) }';
const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code;

describe('zoo ownership', () => {
  it('creates a zoo owned by the caller', async () => {
    const owner = newUser();
    const result = await testbed.zoo.graphql(
      CREATE_ZOO,
      { input: { name: '  Savanna Park ', description: 'Lions.\nAnd more lions.' } },
      { viewer: owner },
    );
    expect(result.data!.createZoo).toMatchObject({
      name: 'Savanna Park',
      description: 'Lions.\nAnd more lions.',
      owner: { id: owner.id },
    });
  });

  it('refuses anonymous writes with UNAUTHENTICATED', async () => {
    const zooId = await createZoo(testbed.zoo, newUser(), 'Locked');
    expect(codeOf(await testbed.zoo.graphql(CREATE_ZOO, { input: { name: 'Nope' } }, { viewer: null }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(codeOf(await testbed.zoo.graphql(UPDATE, { id: zooId, input: { name: 'Mine now' } }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(codeOf(await testbed.zoo.graphql(DELETE, { id: zooId }))).toBe('UNAUTHENTICATED');
  });

  it('lets only the owner or an admin update or delete, and FORBIDDEN writes nothing', async () => {
    const owner = newUser();
    const zooId = await createZoo(testbed.zoo, owner, 'Original');
    const stranger = newUser();
    expect(
      codeOf(await testbed.zoo.graphql(UPDATE, { id: zooId, input: { name: 'Hijacked' } }, { viewer: stranger })),
    ).toBe('FORBIDDEN');
    expect(codeOf(await testbed.zoo.graphql(DELETE, { id: zooId }, { viewer: stranger }))).toBe('FORBIDDEN');
    expect(await testbed.zoo.sql('select name from zoos where id = $1', [zooId])).toEqual([{ name: 'Original' }]);

    const byOwner = await testbed.zoo.graphql(
      UPDATE,
      { id: zooId, input: { description: 'Now with penguins' } },
      { viewer: owner },
    );
    expect(byOwner.data!.updateZoo).toEqual({ name: 'Original', description: 'Now with penguins' });
    const byAdmin = await testbed.zoo.graphql(
      UPDATE,
      { id: zooId, input: { name: 'Renamed by admin', description: null } },
      { viewer: newUser('ADMIN') },
    );
    expect(byAdmin.data!.updateZoo).toEqual({ name: 'Renamed by admin', description: null });
    expect((await testbed.zoo.graphql(DELETE, { id: zooId }, { viewer: newUser('ADMIN') })).data!.deleteZoo).toBe(true);
  });

  it('answers NOT_FOUND for a zoo that does not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(
      codeOf(await testbed.zoo.graphql(UPDATE, { id: missing, input: { name: 'x' } }, { viewer: newUser() })),
    ).toBe('NOT_FOUND');
    expect(codeOf(await testbed.zoo.graphql(DELETE, { id: 'not-even-a-uuid' }, { viewer: newUser() }))).toBe(
      'NOT_FOUND',
    );
    expect(
      (await testbed.zoo.graphql('query($id: ID!) { zoo(id: $id) { id } }', { id: missing })).data!.zoo,
    ).toBeNull();
  });
});

describe('deleting a zoo', () => {
  it('tells the animal service (with claims the zoo service signed) before the zoo is gone', async () => {
    const owner = newUser();
    const zooId = await createZoo(testbed.zoo, owner, 'Closing down');
    testbed.animalService.calls.length = 0;
    expect((await testbed.zoo.graphql(DELETE, { id: zooId }, { viewer: owner })).data!.deleteZoo).toBe(true);
    expect(testbed.animalService.calls).toHaveLength(1);
    expect(testbed.animalService.calls[0]).toMatchObject({
      variables: { zooId },
      claims: { issuer: 'zoo', viewer: owner },
    });
    expect(await testbed.zoo.sql('select 1 from zoos where id = $1', [zooId])).toEqual([]);
  });

  it.each(['fail', 'hang'] as const)(
    'keeps the zoo and says so clearly when the animal service cannot answer (%s)',
    async (mode) => {
      const owner = newUser();
      const zooId = await createZoo(testbed.zoo, owner, `Still open (${mode})`);
      testbed.animalService.mode = mode;
      try {
        const result = await testbed.zoo.graphql(DELETE, { id: zooId }, { viewer: owner });
        expect(result.errors?.[0]?.message).toMatch(/animal service is unavailable.*nothing was changed/);
        expect(result.data).toBeNull();
      } finally {
        testbed.animalService.mode = 'answer';
      }
      expect(await testbed.zoo.sql('select name from zoos where id = $1', [zooId])).toEqual([
        { name: `Still open (${mode})` },
      ]);
    },
  );
});
