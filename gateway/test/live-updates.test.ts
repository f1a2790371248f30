// Live updates through the real gateway and the real subgraphs: each subscription of the contract, with its
// entity fields resolved by the subgraphs that own them, over WebSocket and over SSE.
import { eventually } from '@supergraph/testing';
import { openEventStream, webSocketSubscriber, type WebSocketSubscriber } from './support/subscription-clients';
import { startSupergraph, type Supergraph } from './support/supergraph';

let supergraph: Supergraph;
const clients: WebSocketSubscriber[] = [];
beforeAll(async () => {
  supergraph = await startSupergraph();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
});
afterAll(() => supergraph.close());

async function must(result: Promise<{ data?: Record<string, any> | null; errors?: unknown[] }>) {
  const { data, errors } = await result;
  if (errors) throw new Error(JSON.stringify(errors));
  return data!;
}
const subscriber = (auth?: Record<string, string>) => {
  const client = webSocketSubscriber(supergraph.gatewayUrl, auth?.authorization);
  clients.push(client);
  return client;
};
/** Waits until the subgraphs hold `count` subscriptions (the gateway's subscription to them is open). */
const active = (count: number) =>
  eventually(
    async () => {
      const text = await (await fetch(supergraph.gatewayMetricsUrl)).text();
      return Number(/^supergraph_subscriptions_active (\d+)/m.exec(text)?.[1] ?? 0);
    },
    (open) => open === count,
  );

let day = 0;
async function unlockedPuzzle(year: number) {
  const admin = await supergraph.signUp(`puzzle_admin_${++day}`);
  const auth = { authorization: `Bearer ${supergraph.accessTokenFor({ id: admin.viewer.id, role: 'ADMIN' })}` };
  const created = await must(
    supergraph.query(
      'mutation($input: CreatePuzzleInput!) { createPuzzle(input: $input) { id } }',
      {
        input: {
          year,
          day,
          title: `Day ${day}`,
          description: 'Add up the candles.',
          input: '3\n4\n',
          answerPart1: '7',
          answerPart2: '12',
          unlocksAt: new Date(supergraph.puzzleClock.now.getTime() - 1000).toISOString(),
        },
      },
      auth,
    ),
  );
  return created.createPuzzle.id as string;
}
const SUBMIT = 'mutation($input: SubmitAnswerInput!) { submitAnswer(input: $input) { verdict } }';
const STAR_EARNED =
  'subscription Stars($year: Int!) { starEarned(year: $year) { part user { username } puzzle { title } } }';

describe('starEarned', () => {
  it('reaches a graphql-ws client with the user resolved by the users subgraph', async () => {
    const puzzleId = await unlockedPuzzle(2031);
    const stars = subscriber().subscribe(STAR_EARNED, { year: 2031 });
    await active(1);

    const solver = await supergraph.signUp('star_solver');
    await must(supergraph.query(SUBMIT, { input: { puzzleId, part: 1, answer: '7' } }, solver.auth));

    await eventually(
      async () => stars.results.length,
      (count) => count === 1,
    );
    expect(stars.results[0]).toEqual({
      data: { starEarned: { part: 1, user: { username: 'star_solver' }, puzzle: { title: `Day ${day}` } } },
    });
  });

  it('reaches an SSE client the same way', async () => {
    const puzzleId = await unlockedPuzzle(2032);
    const stream = await openEventStream(new URL('/graphql/stream', supergraph.gatewayUrl).toString(), {
      query: STAR_EARNED,
      variables: { year: 2032 },
    });
    expect(stream.status).toBe(200);
    await active(1);

    const solver = await supergraph.signUp('sse_solver');
    await must(supergraph.query(SUBMIT, { input: { puzzleId, part: 1, answer: '7' } }, solver.auth));

    await eventually(
      async () => stream.messages.length,
      (count) => count === 1,
    );
    expect(stream.messages[0]).toEqual({
      event: 'next',
      data: { data: { starEarned: { part: 1, user: { username: 'sse_solver' }, puzzle: { title: `Day ${day}` } } } },
    });
    stream.close();
  });
});

describe('animalAdded', () => {
  it('pushes an animal created in the zoo, with its owner and zoo resolved', async () => {
    const keeper = await supergraph.signUp('live_keeper');
    const zooId = (
      await must(
        supergraph.query(
          'mutation($input: CreateZooInput!) { createZoo(input: $input) { id } }',
          { input: { name: 'Live Zoo' } },
          keeper.auth,
        ),
      )
    ).createZoo.id;
    const added = subscriber().subscribe(
      'subscription($zooId: ID!) { animalAdded(zooId: $zooId) { name owner { username } zoo { name } } }',
      { zooId },
    );
    await active(1);

    await must(
      supergraph.query(
        'mutation($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }',
        { input: { name: 'Comet', species: 'Red panda', zooId } },
        keeper.auth,
      ),
    );

    await eventually(
      async () => added.results.length,
      (count) => count === 1,
    );
    expect(added.results[0]).toEqual({
      data: { animalAdded: { name: 'Comet', owner: { username: 'live_keeper' }, zoo: { name: 'Live Zoo' } } },
    });
  });
});

describe('leaderboardChanged', () => {
  const CHANGED = 'subscription($id: ID!) { leaderboardChanged(id: $id) { name members { user { username } } } }';

  it('pushes the whole board to a member when someone joins, and refuses a non-member', async () => {
    const owner = await supergraph.signUp('board_owner');
    const board = (
      await must(
        supergraph.query(
          'mutation($input: CreateLeaderboardInput!) { createLeaderboard(input: $input) { id joinCode } }',
          { input: { name: 'Friends', year: 2033 } },
          owner.auth,
        ),
      )
    ).createLeaderboard;
    const outsider = await supergraph.signUp('board_outsider');
    const refused = subscriber(outsider.auth).subscribe(CHANGED, { id: board.id });
    const changes = subscriber(owner.auth).subscribe(CHANGED, { id: board.id });
    await eventually(
      async () => refused.completed,
      (completed) => completed,
    );
    expect(refused.results.at(-1).errors[0].extensions.code).toBe('FORBIDDEN');
    await active(1);

    const joiner = await supergraph.signUp('board_joiner');
    await must(
      supergraph.query(
        'mutation($code: String!) { joinLeaderboard(joinCode: $code) { id } }',
        { code: board.joinCode },
        joiner.auth,
      ),
    );

    await eventually(
      async () => changes.results.length,
      (count) => count === 1,
    );
    const usernames = changes.results[0].data.leaderboardChanged.members.map((member: any) => member.user.username);
    expect(usernames.sort()).toEqual(['board_joiner', 'board_owner']);
  });
});

describe('the owning subgraph restarting mid-subscription', () => {
  it('ends the subscription with a retryable error; subscribing again after the restart works', async () => {
    const puzzleId = await unlockedPuzzle(2034);
    const before = subscriber().subscribe(STAR_EARNED, { year: 2034 });
    await active(1);

    await supergraph.subgraphs.puzzle.stop();
    await eventually(
      async () => before.completed,
      (completed) => completed,
    );
    expect(before.results).toEqual([
      {
        errors: [
          {
            message: 'The source of this subscription went away; subscribe again to resume',
            extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: true },
          },
        ],
      },
    ]);

    await supergraph.subgraphs.puzzle.start();
    const after = subscriber().subscribe(STAR_EARNED, { year: 2034 });
    await active(1);
    const solver = await supergraph.signUp('restart_solver');
    await must(supergraph.query(SUBMIT, { input: { puzzleId, part: 1, answer: '7' } }, solver.auth));
    await eventually(
      async () => after.results.length,
      (count) => count === 1,
    );
    expect(after.results[0].data.starEarned.user).toEqual({ username: 'restart_solver' });
  });
});
