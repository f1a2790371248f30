import { randomUUID } from 'node:crypto';
import { newEvent } from '@supergraph/subgraph';
import { eventually } from '@supergraph/testing';
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

const outbox = () => testbed.zoo.sql<{ count: string }>('select count(*) from outbox_deliveries');
const zooDeletedFor = (zooId: string) =>
  testbed.animalService.events.filter((event) => event.type === 'ZooDeleted' && event.aggregateId === zooId);

describe('deleting a zoo', () => {
  it('commits at once and tells the animal service with a ZooDeleted the zoo service signed', async () => {
    const owner = newUser();
    const zooId = await createZoo(testbed.zoo, owner, 'Closing down');
    expect((await testbed.zoo.graphql(DELETE, { id: zooId }, { viewer: owner })).data!.deleteZoo).toBe(true);
    expect(await testbed.zoo.sql('select 1 from zoos where id = $1', [zooId])).toEqual([]);
    const delivered = await eventually(
      async () => zooDeletedFor(zooId),
      (events) => events.length > 0,
    );
    expect(delivered).toEqual([expect.objectContaining({ issuer: 'zoo', aggregateId: zooId })]);
    await eventually(outbox, ([row]) => Number(row!.count) === 0);
  });

  it.each(['fail', 'hang'] as const)(
    'deletes without waiting when the animal service cannot answer (%s), and delivers once it is back',
    async (mode) => {
      const owner = newUser();
      const zooId = await createZoo(testbed.zoo, owner, `Closing while animal is away (${mode})`);
      testbed.animalService.mode = mode;
      try {
        const result = await testbed.zoo.graphql(DELETE, { id: zooId }, { viewer: owner });
        expect(result).toMatchObject({ status: 200, data: { deleteZoo: true } });
        expect(result.errors).toBeUndefined();
        expect(await testbed.zoo.sql('select 1 from zoos where id = $1', [zooId])).toEqual([]);
        expect(zooDeletedFor(zooId)).toEqual([]);
      } finally {
        testbed.animalService.mode = 'answer';
      }
      await eventually(
        async () => zooDeletedFor(zooId),
        (events) => events.length > 0,
      );
    },
  );
});

describe('when a user is deleted', () => {
  it('deletes their zoos and publishes a ZooDeleted for each, once however often UserDeleted arrives', async () => {
    const owner = newUser();
    const kept = await createZoo(testbed.zoo, newUser(), 'Someone else’s');
    const zooIds = [await createZoo(testbed.zoo, owner, 'First'), await createZoo(testbed.zoo, owner, 'Second')];
    const event = newEvent('UserDeleted', owner.id);
    expect((await testbed.zoo.deliverEvent(event)).status).toBe(204);
    expect((await testbed.zoo.deliverEvent(event)).status).toBe(204);
    const owned = await testbed.zoo.sql('select id from zoos where owner_id = $1', [owner.id]);
    expect(owned).toEqual([]);
    expect(await testbed.zoo.sql('select id from zoos where id = $1', [kept])).toHaveLength(1);
    for (const zooId of zooIds)
      await eventually(
        async () => zooDeletedFor(zooId),
        (events) => events.length > 0,
      );
    // Nothing more arrives: the second delivery of UserDeleted changed nothing.
    await eventually(outbox, ([row]) => Number(row!.count) === 0);
    for (const zooId of zooIds) expect(zooDeletedFor(zooId)).toHaveLength(1);
  });

  it('refuses the event from anyone but the users service', async () => {
    const event = newEvent('UserDeleted', randomUUID());
    expect((await testbed.zoo.deliverEvent(event, { unsigned: true })).status).toBe(401);
    expect((await testbed.zoo.deliverEvent(event, { issuer: 'animal' })).status).toBe(403);
    expect((await testbed.zoo.deliverEvent(event, { issuer: 'gateway' })).status).toBe(403);
    expect((await testbed.zoo.deliverEvent({ ...event, version: 2 })).status).toBe(400);
    expect((await testbed.zoo.deliverEvent({ ...event, type: 'ZooDeleted' }, { issuer: 'users' })).status).toBe(403);
  });
});
