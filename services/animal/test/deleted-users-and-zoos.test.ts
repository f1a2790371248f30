// What the animal service does when the users service says a user is gone and the zoo service says a zoo is
// gone: events delivered to POST /events, signed by their producer, applied once.
import { randomUUID } from 'node:crypto';
import {
  codeOf,
  createAnimal,
  CREATE_ANIMAL,
  newUser,
  startAnimalTestbed,
  type AnimalTestbed,
} from './support/animal-subgraph';

let testbed: AnimalTestbed;
beforeAll(async () => {
  testbed = await startAnimalTestbed();
});
afterAll(() => testbed.close());

const event = (type: 'UserDeleted' | 'ZooDeleted', aggregateId: string) => ({
  id: randomUUID(),
  type,
  aggregateId,
  occurredAt: new Date().toISOString(),
  version: 1,
});
const zooOf = async (animalId: string) =>
  (await testbed.animal.sql<{ zoo_id: string | null }>('select zoo_id from animals where id = $1', [animalId]))[0]
    ?.zoo_id;

describe('ZooDeleted', () => {
  it('takes the zoo’s animals out of it, and no animal goes into it afterwards', async () => {
    const owner = newUser();
    const zooId = testbed.addZoo(owner);
    const resident = await createAnimal(testbed.animal, owner, { name: 'Resident', zooId });
    expect((await testbed.animal.deliverEvent(event('ZooDeleted', zooId))).status).toBe(204);
    expect(await zooOf(resident)).toBeNull();
    // The zoo service still says the zoo exists (its answer was given before the delete, say): refused anyway.
    const late = await testbed.animal.graphql(
      CREATE_ANIMAL,
      { input: { name: 'Latecomer', species: 'Lion', zooId } },
      { viewer: owner },
    );
    expect(codeOf(late)).toBe('BAD_USER_INPUT');
    expect(await testbed.animal.sql('select 1 from animals where zoo_id = $1', [zooId])).toEqual([]);
  });

  it('leaves no animal in the zoo however createAnimal and the event interleave', async () => {
    const owner = newUser();
    const zooId = testbed.addZoo(owner);
    const creates = Array.from({ length: 12 }, (_, index) =>
      testbed.animal.graphql(
        CREATE_ANIMAL,
        { input: { name: `Racer ${index}`, species: 'Lion', zooId } },
        { viewer: owner },
      ),
    );
    const delivery = testbed.animal.deliverEvent(event('ZooDeleted', zooId));
    const results = await Promise.all(creates);
    expect((await delivery).status).toBe(204);
    // Each create either landed before the event (and was taken out) or was refused after it.
    for (const result of results)
      expect(result.errors?.[0]?.extensions?.code ?? 'created').toMatch(/created|BAD_USER_INPUT/);
    expect(await testbed.animal.sql('select 1 from animals where zoo_id = $1', [zooId])).toEqual([]);
  });

  it('is accepted only from the zoo service', async () => {
    const zooId = randomUUID();
    expect((await testbed.animal.deliverEvent(event('ZooDeleted', zooId), { issuer: 'users' })).status).toBe(403);
    expect((await testbed.animal.deliverEvent(event('ZooDeleted', zooId), { unsigned: true })).status).toBe(401);
    // The zoo service may deliver events, but runs no GraphQL operation here.
    const sweep = await testbed.animal.graphql('{ animals(first: 1) { totalCount } }', {}, { issuer: 'zoo' });
    expect(codeOf(sweep)).toBe('FORBIDDEN');
  });
});

describe('UserDeleted', () => {
  it('deletes the user’s animals, once: a second delivery of the same event changes nothing', async () => {
    const gone = newUser();
    const other = newUser();
    const zooId = testbed.addZoo(other);
    await createAnimal(testbed.animal, gone, { name: 'Orphan' });
    await createAnimal(testbed.animal, gone, { name: 'Guest', zooId: testbed.addZoo(gone) });
    const kept = await createAnimal(testbed.animal, other, { name: 'Keeper', zooId });
    const userDeleted = event('UserDeleted', gone.id);
    expect((await testbed.animal.deliverEvent(userDeleted)).status).toBe(204);
    expect(await testbed.animal.sql('select 1 from animals where owner_id = $1', [gone.id])).toEqual([]);
    expect(await zooOf(kept)).toBe(zooId);

    // Were the effect applied again, this animal (made after the first delivery) would go too.
    const after = await createAnimal(testbed.animal, gone, { name: 'After' });
    expect((await testbed.animal.deliverEvent(userDeleted)).status).toBe(204);
    expect(await testbed.animal.sql('select id from animals where owner_id = $1', [gone.id])).toEqual([{ id: after }]);
  });

  it('answers a malformed or unknown event with 400 and applies nothing', async () => {
    const broken = { ...event('UserDeleted', randomUUID()), aggregateId: 'not-a-uuid' };
    expect((await testbed.animal.deliverEvent(broken)).status).toBe(400);
    const unknown = { ...event('UserDeleted', randomUUID()), type: 'UserRenamed' };
    expect((await testbed.animal.deliverEvent(unknown, { issuer: 'users' })).status).toBe(400);
  });
});
