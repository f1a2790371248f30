// The puzzle subgraph's subscriptions, as the gateway sees them over graphql-ws: starEarned for everyone,
// leaderboardChanged for a board's members and admins, each pushed by the change that causes it.
import type { Viewer } from '@supergraph/auth';
import { connectRedis, createLogger, newEvent } from '@supergraph/subgraph';
import { subscribeToSubgraph, testRedisUrl, type SubgraphSubscriber } from '@supergraph/testing';
import {
  codeOf,
  createPuzzle,
  newUser,
  SUBMIT,
  startPuzzleReplica,
  startPuzzleTestbed,
  submit,
  type PuzzleTestbed,
} from './support/puzzle-subgraph';

const STAR_EARNED = /* GraphQL */ `
  subscription Stars($year: Int!) {
    starEarned(year: $year) {
      user {
        id
      }
      puzzle {
        day
        solvers(part: 1)
      }
      part
      earnedAt
    }
  }
`;
const BOARD_CHANGED = /* GraphQL */ `
  subscription Board($id: ID!) {
    leaderboardChanged(id: $id) {
      id
      members {
        user {
          id
        }
        localScore
        stars
      }
    }
  }
`;
const CREATE_BOARD = 'mutation($input: CreateLeaderboardInput!) { createLeaderboard(input: $input) { id joinCode } }';
const JOIN = 'mutation($code: String!) { joinLeaderboard(joinCode: $code) { id } }';
const LEAVE = 'mutation($id: ID!) { leaveLeaderboard(id: $id) }';

interface StarEarned {
  starEarned: { user: { id: string }; puzzle: { day: number; solvers: number }; part: number; earnedAt: string };
}
interface BoardChanged {
  leaderboardChanged: { id: string; members: { user: { id: string }; localScore: number; stars: number }[] };
}

let testbed: PuzzleTestbed;
let gateway: SubgraphSubscriber;
beforeAll(async () => {
  testbed = await startPuzzleTestbed();
  testbed.clock.set('2026-12-05T06:00:00.000Z');
  gateway = subscribeToSubgraph(testbed.puzzle, 'puzzle');
});
afterAll(async () => {
  await gateway.close();
  await testbed.close();
});

async function createBoard(owner: Viewer, members: Viewer[] = []): Promise<string> {
  const { id, joinCode } = (
    await testbed.puzzle.graphql(CREATE_BOARD, { input: { name: 'Live', year: 2026 } }, { viewer: owner })
  ).data!.createLeaderboard;
  for (const member of members) await testbed.puzzle.graphql(JOIN, { code: joinCode }, { viewer: member });
  return id;
}

const memberIds = (event: BoardChanged) => event.leaderboardChanged.members.map(({ user }) => user.id).sort();

describe('starEarned', () => {
  it('pushes each star of the year to anonymous subscribers, with the puzzle as it is now', async () => {
    const day1 = await createPuzzle(testbed, { day: 1, answerPart1: '1', answerPart2: '2' });
    const day1Of2025 = await createPuzzle(testbed, { year: 2025, day: 1, answerPart1: '1' });
    const [ada, bo, guesser] = [newUser(), newUser(), newUser()];
    const stars = await gateway.subscribe(STAR_EARNED, { year: 2026 });

    expect((await submit(testbed, guesser, day1, 1, '0')).data!.submitAnswer.verdict).toBe('TOO_LOW'); // no star
    await submit(testbed, bo, day1Of2025, 1, '1'); // another year's star
    await submit(testbed, ada, day1, 1, '1');
    // Received before bo solves it: each event is resolved when it is pushed, so it shows one solver.
    expect(await stars.nextData<StarEarned>()).toEqual({
      starEarned: {
        user: { id: ada.id },
        puzzle: { day: 1, solvers: 1 },
        part: 1,
        earnedAt: '2026-12-05T06:00:00.000Z',
      },
    });
    await submit(testbed, bo, day1, 1, '1');
    await submit(testbed, ada, day1, 1, '1'); // ALREADY_SOLVED: no new star
    // Resolved when it is pushed: the second sees both solvers.
    expect(await stars.nextData<StarEarned>()).toMatchObject({
      starEarned: { user: { id: bo.id }, puzzle: { day: 1, solvers: 2 }, part: 1 },
    });
    await submit(testbed, ada, day1, 2, '2');
    expect(await stars.nextData<StarEarned>()).toMatchObject({ starEarned: { user: { id: ada.id }, part: 2 } });
    stars.unsubscribe();
  });

  it('announces a star once when two correct answers race for it', async () => {
    const day5 = await createPuzzle(testbed, { day: 5, answerPart1: '5' });
    const [racer, marker] = [newUser(), newUser()];
    const stars = await gateway.subscribe(STAR_EARNED, { year: 2026 });
    const verdicts = await Promise.all([1, 2].map(async () => (await submit(testbed, racer, day5, 1, '5')).data!));
    expect(verdicts.map((data) => data.submitAnswer.verdict).sort()).toEqual(['ALREADY_SOLVED', 'CORRECT']);
    await submit(testbed, marker, day5, 1, '5');
    // The losing submission's transaction published nothing: the next event after the racer's is the marker's.
    expect((await stars.nextData<StarEarned>()).starEarned.user.id).toBe(racer.id);
    expect((await stars.nextData<StarEarned>()).starEarned.user.id).toBe(marker.id);
    stars.unsubscribe();
  });

  it('is refused without claims signed for the operation', async () => {
    const unsigned = await gateway.subscribe(STAR_EARNED, { year: 2026 }, { unsigned: true });
    expect(codeOf(await errorsOf(unsigned))).toBe('UNAUTHENTICATED');
    const wronglyBound = await gateway.subscribe(
      STAR_EARNED,
      { year: 2026 },
      { boundTo: { query: STAR_EARNED, variables: { year: 2025 } } },
    );
    expect(codeOf(await errorsOf(wronglyBound))).toBe('UNAUTHENTICATED');
  });

  it('validates the year when subscribing', async () => {
    const stars = await gateway.subscribe(STAR_EARNED, { year: 1999 });
    expect(await errorsOf(stars)).toMatchObject({
      errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'year' } }],
    });
  });

  it('is delivered by every replica to its own subscribers', async () => {
    const replica = await startPuzzleReplica(testbed);
    const onReplica = subscribeToSubgraph(replica, 'puzzle');
    try {
      const day2 = await createPuzzle(testbed, { day: 2, answerPart1: '2' });
      const here = await gateway.subscribe(STAR_EARNED, { year: 2026 });
      const there = await onReplica.subscribe(STAR_EARNED, { year: 2026 });
      const cy = newUser();
      // The star is earned through the first replica; the second hears it from the database.
      await submit(testbed, cy, day2, 1, '2');
      for (const stars of [here, there])
        expect(await stars.nextData<StarEarned>()).toMatchObject({
          starEarned: { user: { id: cy.id }, puzzle: { day: 2 }, part: 1 },
        });
      here.unsubscribe();
    } finally {
      await onReplica.close();
      await replica.stop();
    }
  });

  const redisUrl = testRedisUrl();
  (redisUrl ? it : it.skip)('is delivered by every replica when the replicas share Redis instead', async () => {
    const redis = await connectRedis(redisUrl!, createLogger('puzzle-test', 'silent'));
    const [first, second] = [
      await startPuzzleReplica(testbed, { redis }),
      await startPuzzleReplica(testbed, { redis }),
    ];
    const [onFirst, onSecond] = [subscribeToSubgraph(first, 'puzzle'), subscribeToSubgraph(second, 'puzzle')];
    try {
      const day4 = await createPuzzle(testbed, { day: 4, answerPart1: '4' });
      const streams = [
        await onFirst.subscribe(STAR_EARNED, { year: 2026 }),
        await onSecond.subscribe(STAR_EARNED, { year: 2026 }),
      ];
      const dee = newUser();
      const result = await first.graphql(SUBMIT, { input: { puzzleId: day4, part: 1, answer: '4' } }, dee);
      expect(result.data).toMatchObject({ submitAnswer: { verdict: 'CORRECT' } });
      for (const stars of streams)
        expect(await stars.nextData<StarEarned>()).toMatchObject({
          starEarned: { user: { id: dee.id }, puzzle: { day: 4 } },
        });
    } finally {
      await onFirst.close();
      await onSecond.close();
      await first.stop();
      await second.stop();
      redis.disconnect();
    }
  });
});

describe('leaderboardChanged', () => {
  it('pushes the whole board to a member when a member earns a star of its year, joins or leaves', async () => {
    const day3 = await createPuzzle(testbed, { day: 3, answerPart1: '3' });
    const [owner, member, joiner] = [newUser(), newUser(), newUser()];
    const id = await createBoard(owner, [member]);
    const changes = await gateway.subscribe(BOARD_CHANGED, { id }, { viewer: member });

    await submit(testbed, owner, day3, 1, '3');
    const afterStar = await changes.nextData<BoardChanged>();
    expect(afterStar.leaderboardChanged.members[0]).toEqual({ user: { id: owner.id }, localScore: 2, stars: 1 });

    await testbed.puzzle.graphql(JOIN, { code: await joinCodeOf(id) }, { viewer: joiner });
    expect(memberIds(await changes.nextData<BoardChanged>())).toEqual([owner.id, member.id, joiner.id].sort());

    await testbed.puzzle.graphql(LEAVE, { id }, { viewer: joiner });
    expect(memberIds(await changes.nextData<BoardChanged>())).toEqual([owner.id, member.id].sort());
    changes.unsubscribe();
  });

  it('lets admins watch any board, and refuses anonymous callers, non-members and unknown boards', async () => {
    const owner = newUser();
    const id = await createBoard(owner);
    expect(codeOf(await errorsOf(await gateway.subscribe(BOARD_CHANGED, { id }, { viewer: newUser() })))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await errorsOf(await gateway.subscribe(BOARD_CHANGED, { id })))).toBe('UNAUTHENTICATED');
    const unknown = { id: '00000000-0000-4000-8000-000000000000' };
    expect(codeOf(await errorsOf(await gateway.subscribe(BOARD_CHANGED, unknown, { viewer: owner })))).toBe(
      'NOT_FOUND',
    );

    const admin = await gateway.subscribe(BOARD_CHANGED, { id }, { viewer: testbed.admin });
    await testbed.puzzle.graphql(JOIN, { code: await joinCodeOf(id) }, { viewer: newUser() });
    expect((await admin.nextData<BoardChanged>()).leaderboardChanged.members).toHaveLength(2);
    admin.unsubscribe();
  });

  it('ends with FORBIDDEN for a member who leaves, and completes for everyone when the board is deleted', async () => {
    const [owner, leaver] = [newUser(), newUser()];
    const id = await createBoard(owner, [leaver]);
    const leaversView = await gateway.subscribe(BOARD_CHANGED, { id }, { viewer: leaver });
    const ownersView = await gateway.subscribe(BOARD_CHANGED, { id }, { viewer: owner });

    await testbed.puzzle.graphql(LEAVE, { id }, { viewer: leaver });
    expect(await leaversView.next()).toMatchObject({ type: 'error', errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    expect(memberIds(await ownersView.nextData<BoardChanged>())).toEqual([owner.id]);

    await testbed.puzzle.graphql(LEAVE, { id }, { viewer: owner }); // the owner leaving deletes the board
    expect(await ownersView.next()).toEqual({ type: 'complete' });
  });
  it('follows a deleted user off every board: members see the board without them, their own boards complete', async () => {
    const [owner, gone] = [newUser(), newUser()];
    const shared = await createBoard(owner, [gone]);
    const theirs = await createBoard(gone, [owner]);
    const sharedView = await gateway.subscribe(BOARD_CHANGED, { id: shared }, { viewer: owner });
    const theirView = await gateway.subscribe(BOARD_CHANGED, { id: theirs }, { viewer: owner });

    const userDeleted = newEvent('UserDeleted', gone.id);
    expect((await testbed.puzzle.deliverEvent(userDeleted)).status).toBe(204);
    expect(memberIds(await sharedView.nextData<BoardChanged>())).toEqual([owner.id]);
    expect(await theirView.next()).toEqual({ type: 'complete' });

    // A redelivery changes nothing and announces nothing: the next change the watcher sees is a join.
    expect((await testbed.puzzle.deliverEvent(userDeleted)).status).toBe(204);
    const joiner = newUser();
    await testbed.puzzle.graphql(JOIN, { code: await joinCodeOf(shared) }, { viewer: joiner });
    expect(memberIds(await sharedView.nextData<BoardChanged>())).toEqual([owner.id, joiner.id].sort());
    sharedView.unsubscribe();
  });
});

async function joinCodeOf(id: string): Promise<string> {
  return (await testbed.puzzle.sql('select join_code from leaderboards where id = $1', [id]))[0]!.join_code;
}

/** The `error` message a refused subscription gets, as a result with `errors` (for codeOf). */
async function errorsOf(subscription: { next(): Promise<unknown> }) {
  const message = (await subscription.next()) as { type: string; errors?: unknown[] };
  if (message.type !== 'error') throw new Error(`Expected a refusal, got ${JSON.stringify(message)}`);
  return { errors: message.errors as { extensions?: Record<string, unknown> }[] };
}
