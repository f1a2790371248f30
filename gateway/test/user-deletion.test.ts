// Deletes that reach every subgraph: the four real subgraphs on their own databases, events through each
// producer's outbox, applied once by each subscriber, and clients that never see an error meanwhile.
import net from 'node:net';
import { eventually } from '@supergraph/testing';
import { startSupergraph, type Supergraph } from './support/supergraph';

let supergraph: Supergraph;
beforeAll(async () => {
  supergraph = await startSupergraph();
});
afterAll(() => supergraph.close());

const CREATE_ZOO = 'mutation($input: CreateZooInput!) { createZoo(input: $input) { id } }';
const CREATE_ANIMAL = 'mutation($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }';
const DELETE_USER = 'mutation($id: ID!) { deleteUser(id: $id) }';
const DELETE_ZOO = 'mutation($id: ID!) { deleteZoo(id: $id) }';
const PUBLIC_LISTS = `query($year: Int!) {
  zoos(first: 50) { edges { node { id name owner { id username } } } }
  animals(first: 50) { edges { node { id name owner { id username } zoo { id } } } }
  globalLeaderboard(year: $year) { user { id username } stars }
}`;

async function must(result: Promise<{ data?: Record<string, any> | null; errors?: unknown[] }>) {
  const { data, errors } = await result;
  if (errors) throw new Error(JSON.stringify(errors));
  return data!;
}

/** Everything a user can own: a zoo with an animal in it, a star, and a seat on someone's board. */
async function userWithEverything(name: string) {
  const user = await supergraph.signUp(name);
  const zooId = (await must(supergraph.query(CREATE_ZOO, { input: { name: `${name}'s zoo` } }, user.auth))).createZoo
    .id as string;
  const animalId = (
    await must(
      supergraph.query(CREATE_ANIMAL, { input: { name: `${name}'s lion`, species: 'Lion', zooId } }, user.auth),
    )
  ).createAnimal.id as string;
  const admin = {
    authorization: `Bearer ${supergraph.accessTokenFor({ id: user.viewer.id, role: 'ADMIN' })}`,
  };
  const puzzle = await must(
    supergraph.query(
      'mutation($input: CreatePuzzleInput!) { createPuzzle(input: $input) { id } }',
      {
        input: {
          year: 2024,
          day: Math.floor(Math.random() * 25) + 1,
          title: `${name}'s puzzle`,
          description: 'Count.',
          input: '1\n',
          answerPart1: '1',
          answerPart2: '2',
          unlocksAt: new Date(supergraph.puzzleClock.now.getTime() - 1000).toISOString(),
        },
      },
      admin,
    ),
  ).catch(() => undefined);
  if (puzzle) {
    await must(
      supergraph.query(
        'mutation($input: SubmitAnswerInput!) { submitAnswer(input: $input) { verdict } }',
        { input: { puzzleId: puzzle.createPuzzle.id, part: 1, answer: '1' } },
        user.auth,
      ),
    );
  }
  const host = await supergraph.signUp(`${name}_host`);
  const board = (
    await must(
      supergraph.query(
        'mutation($input: CreateLeaderboardInput!) { createLeaderboard(input: $input) { id joinCode } }',
        { input: { name: `${name}'s office`, year: 2024 } },
        host.auth,
      ),
    )
  ).createLeaderboard;
  await must(
    supergraph.query(
      'mutation($c: String!) { joinLeaderboard(joinCode: $c) { id } }',
      { c: board.joinCode },
      user.auth,
    ),
  );
  return { ...user, zooId, animalId, boardId: board.id as string };
}

/** Rows in any table of any of the four databases that hold `id` in any column. */
async function rowsHolding(id: string): Promise<string[]> {
  const found: string[] = [];
  for (const [name, subgraph] of Object.entries(supergraph.subgraphs)) {
    const columns = await subgraph.sql<{ table_schema: string; table_name: string; column_name: string }>(
      `select table_schema, table_name, column_name from information_schema.columns
       where table_schema not in ('pg_catalog', 'information_schema')
         and data_type in ('uuid', 'text', 'character varying', 'jsonb', 'json')`,
    );
    for (const { table_schema, table_name, column_name } of columns) {
      const [row] = await subgraph.sql<{ count: string }>(
        `select count(*) from "${table_schema}"."${table_name}" where "${column_name}"::text like $1`,
        [`%${id}%`],
      );
      if (Number(row!.count) > 0) found.push(`${name}: ${table_schema}.${table_name}.${column_name}`);
    }
  }
  return found;
}

const outboxesEmpty = async () => {
  const counts = await Promise.all(
    [supergraph.subgraphs.users, supergraph.subgraphs.zoo].map(async (subgraph) =>
      Number((await subgraph.sql<{ count: string }>('select count(*) from outbox_deliveries'))[0]!.count),
    ),
  );
  return counts.every((count) => count === 0);
};

describe('deleting a user', () => {
  it('keeps every public list answering, then removes the user from every database', async () => {
    const gone = await userWithEverything('leaver');
    const stays = await userWithEverything('stayer');
    expect((await must(supergraph.query(DELETE_USER, { id: gone.viewer.id }, gone.auth))).deleteUser).toBe(true);

    // At once, before the events have arrived anywhere: no errors, no data: null, the owner a tombstone.
    const now = await supergraph.query(PUBLIC_LISTS, { year: 2024 });
    expect(now.errors).toBeUndefined();
    for (const edge of [...now.data!.zoos.edges, ...now.data!.animals.edges]) {
      if (edge.node.owner.id === gone.viewer.id) expect(edge.node.owner.username).toBe('deleted-user');
    }

    // Within seconds: gone from every list, and from every row of every database.
    const converged = await eventually(
      () => must(supergraph.query(PUBLIC_LISTS, { year: 2024 })),
      (data) =>
        !JSON.stringify(data).includes(gone.viewer.id) &&
        data.zoos.edges.some((edge: any) => edge.node.id === stays.zooId),
    );
    expect(converged.animals.edges.map((edge: any) => edge.node.id)).toContain(stays.animalId);
    await eventually(outboxesEmpty, (empty) => empty);
    expect(await rowsHolding(gone.viewer.id)).toEqual([]);
    // The board the user sat on is still there, without them.
    const board = await must(
      supergraph.query(
        'query($id: ID!) { leaderboard(id: $id) { members { user { id } } } }',
        { id: gone.boardId },
        {
          authorization: `Bearer ${supergraph.accessTokenFor({ id: stays.viewer.id, role: 'ADMIN' })}`,
        },
      ),
    );
    expect(board.leaderboard.members.map((member: any) => member.user.id)).not.toContain(gone.viewer.id);
  });

  it('reaches a subscriber that was down when the user was deleted, once it is back, and applies it once', async () => {
    const gone = await userWithEverything('while_down');
    await supergraph.subgraphs.animal.stop();
    try {
      expect((await must(supergraph.query(DELETE_USER, { id: gone.viewer.id }, gone.auth))).deleteUser).toBe(true);
      // zoo and puzzle are told at once; animal's delivery waits in the users (and zoo) outbox.
      await eventually(
        () => supergraph.subgraphs.zoo.sql('select 1 from zoos where id = $1', [gone.zooId]),
        (rows) => rows.length === 0,
      );
      expect(
        await supergraph.subgraphs.animal.sql('select 1 from animals where id = $1', [gone.animalId]),
      ).toHaveLength(1);
    } finally {
      await supergraph.subgraphs.animal.start();
    }
    await eventually(
      () => supergraph.subgraphs.animal.sql('select 1 from animals where id = $1', [gone.animalId]),
      (rows) => rows.length === 0,
    );
    await eventually(outboxesEmpty, (empty) => empty);
    const applied = await supergraph.subgraphs.animal.sql<{ type: string; count: string }>(
      "select type, count(*) from inbox_events where producer = 'users' group by type",
    );
    // One UserDeleted applied per deleted user so far in this file, each exactly once.
    expect(applied).toEqual([{ type: 'UserDeleted', count: expect.anything() }]);
    expect(await rowsHolding(gone.viewer.id)).toEqual([]);
  });

  it('is delivered after the producer restarts, when it stopped between the commit and the delivery', async () => {
    const users = supergraph.subgraphs.users;
    await users.stop();
    await users.start({ events: { deliver: false } });
    const gone = await userWithEverything('before_restart');
    expect((await must(supergraph.query(DELETE_USER, { id: gone.viewer.id }, gone.auth))).deleteUser).toBe(true);
    expect(await users.sql('select 1 from outbox_events where aggregate_id = $1', [gone.viewer.id])).toHaveLength(1);
    await users.stop();
    expect(await supergraph.subgraphs.zoo.sql('select 1 from zoos where id = $1', [gone.zooId])).toHaveLength(1);

    await users.start();
    await eventually(outboxesEmpty, (empty) => empty);
    expect(await rowsHolding(gone.viewer.id)).toEqual([]);
  });
});

describe('deleting a zoo', () => {
  it('leaves no animal in the deleted zoo, however createAnimal races it', async () => {
    const { auth } = await supergraph.signUp('racer');
    const zooId = (await must(supergraph.query(CREATE_ZOO, { input: { name: 'Racetrack' } }, auth))).createZoo.id;
    const creates = Array.from({ length: 8 }, (_, index) =>
      supergraph.query(CREATE_ANIMAL, { input: { name: `Runner ${index}`, species: 'Cheetah', zooId } }, auth),
    );
    const deleted = await must(supergraph.query(DELETE_ZOO, { id: zooId }, auth));
    expect(deleted.deleteZoo).toBe(true);
    for (const result of await Promise.all(creates)) {
      // Each create either landed (and is taken out of the zoo by ZooDeleted) or found no such zoo.
      expect(result.errors?.[0]?.extensions?.code ?? 'created').toMatch(/^(created|BAD_USER_INPUT)$/);
    }
    await eventually(outboxesEmpty, (empty) => empty);
    expect(await supergraph.subgraphs.animal.sql('select id from animals where zoo_id = $1', [zooId])).toEqual([]);
    const late = await supergraph.query(
      CREATE_ANIMAL,
      { input: { name: 'Too late', species: 'Cheetah', zooId } },
      auth,
    );
    expect(late.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('returns at once while the animal service hangs, and the animals leave the zoo when it is back', async () => {
    const { auth } = await supergraph.signUp('patient');
    const zooId = (await must(supergraph.query(CREATE_ZOO, { input: { name: 'Closing soon' } }, auth))).createZoo.id;
    const animalId = (
      await must(supergraph.query(CREATE_ANIMAL, { input: { name: 'Tenant', species: 'Yak', zooId } }, auth))
    ).createAnimal.id;
    const animal = supergraph.subgraphs.animal;
    await animal.stop();
    // In its place: a port that accepts connections and never answers.
    const sockets = new Set<net.Socket>();
    const hanging = net.createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => hanging.listen(Number(new URL(animal.url).port), '127.0.0.1', resolve));
    try {
      const result = await supergraph.query(DELETE_ZOO, { id: zooId }, auth);
      expect(result).toMatchObject({ status: 200, data: { deleteZoo: true } });
      expect(await supergraph.subgraphs.zoo.sql('select 1 from zoos where id = $1', [zooId])).toEqual([]);
      expect(await animal.sql('select zoo_id from animals where id = $1', [animalId])).toEqual([{ zoo_id: zooId }]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => hanging.close(resolve));
      await animal.start();
    }
    await eventually(
      () => animal.sql('select zoo_id from animals where id = $1', [animalId]),
      (rows) => rows[0]?.zoo_id === null,
    );
  });
});
