// When the users service says a user is gone (UserDeleted, delivered to POST /events): their submissions,
// stars, memberships and boards go, and every score that counted them follows.
import type { Viewer } from '@supergraph/auth';
import { newEvent } from '@supergraph/subgraph';
import { createPuzzle, newUser, startPuzzleTestbed, submit, type PuzzleTestbed } from './support/puzzle-subgraph';

let testbed: PuzzleTestbed;
beforeAll(async () => {
  testbed = await startPuzzleTestbed();
});
afterAll(() => testbed.close());

const CREATE = 'mutation($input: CreateLeaderboardInput!) { createLeaderboard(input: $input) { id joinCode } }';
const JOIN = 'mutation($code: String!) { joinLeaderboard(joinCode: $code) { id } }';
const BOARD = 'query($id: ID!) { leaderboard(id: $id) { members { user { id } localScore } } }';
const GLOBAL = 'query { globalLeaderboard(year: 2026) { user { id } } }';

async function board(owner: Viewer, name: string) {
  return (await testbed.puzzle.graphql(CREATE, { input: { name, year: 2026 } }, { viewer: owner })).data!
    .createLeaderboard as { id: string; joinCode: string };
}

it('deletes everything the puzzle database holds about the user, once', async () => {
  testbed.clock.set('2026-12-05T06:00:00.000Z');
  const puzzleId = await createPuzzle(testbed, { day: 5, answerPart1: '5', answerPart2: '55' });
  const [gone, stays] = [newUser(), newUser()];
  for (const viewer of [gone, stays]) {
    expect((await submit(testbed, viewer, puzzleId, 1, 'wrong')).data).toBeTruthy();
    testbed.clock.advance(120);
    expect((await submit(testbed, viewer, puzzleId, 1, '5')).data!.submitAnswer.verdict).toBe('CORRECT');
  }
  const theirs = await board(gone, 'Theirs');
  const shared = await board(stays, 'Shared');
  await testbed.puzzle.graphql(JOIN, { code: theirs.joinCode }, { viewer: stays });
  await testbed.puzzle.graphql(JOIN, { code: shared.joinCode }, { viewer: gone });

  const userDeleted = newEvent('UserDeleted', gone.id);
  expect((await testbed.puzzle.deliverEvent(userDeleted)).status).toBe(204);
  expect((await testbed.puzzle.deliverEvent(userDeleted)).status).toBe(204);

  for (const table of ['submissions', 'completions', 'leaderboard_members'])
    expect(await testbed.puzzle.sql(`select 1 from ${table} where user_id = $1`, [gone.id])).toEqual([]);
  expect(await testbed.puzzle.sql('select 1 from leaderboards where owner_id = $1', [gone.id])).toEqual([]);
  expect((await testbed.puzzle.graphql(BOARD, { id: theirs.id }, { viewer: stays })).data!.leaderboard).toBeNull();
  // The shared board scores one member now: the one left gets the only first place.
  expect((await testbed.puzzle.graphql(BOARD, { id: shared.id }, { viewer: stays })).data!.leaderboard.members).toEqual(
    [{ user: { id: stays.id }, localScore: 1 }],
  );
  const global = (await testbed.puzzle.graphql(GLOBAL, {})).data!.globalLeaderboard as { user: { id: string } }[];
  expect(global.map((entry) => entry.user.id)).toEqual([stays.id]);
  expect(await testbed.puzzle.sql('select event_id from inbox_events')).toEqual([{ event_id: userDeleted.id }]);
});
