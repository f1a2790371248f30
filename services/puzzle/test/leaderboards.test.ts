import type { Viewer } from '@supergraph/auth';
import {
  codeOf,
  createPuzzle,
  newUser,
  startPuzzleTestbed,
  submit,
  type PuzzleTestbed,
} from './support/puzzle-subgraph';

let testbed: PuzzleTestbed;
beforeAll(async () => {
  testbed = await startPuzzleTestbed({ maxLeaderboardMembers: 4 });
});
afterAll(() => testbed.close());

const CREATE = 'mutation($input: CreateLeaderboardInput!) { createLeaderboard(input: $input) { id joinCode } }';
const JOIN = 'mutation($code: String!) { joinLeaderboard(joinCode: $code) { id name joinCode } }';
const BOARD =
  'query($id: ID!) { leaderboard(id: $id) { name year joinCode owner { id } members { user { id } localScore stars lastStarAt } } }';

async function solveAt(viewer: Viewer, puzzleId: string, part: number, answer: string, at: string) {
  testbed.clock.set(at);
  const result = await submit(testbed, viewer, puzzleId, part, answer);
  expect(result.data!.submitAnswer.verdict).toBe('CORRECT');
}

describe('private leaderboards', () => {
  it('scores a 3-member board: N points for the first to a star, N-1 for the next; ties go to who got there first', async () => {
    testbed.clock.set('2026-12-10T05:00:00.000Z');
    const day10 = await createPuzzle(testbed, { day: 10, answerPart1: '10', answerPart2: '20' });
    const day11 = await createPuzzle(testbed, { day: 11, answerPart1: '11', answerPart2: '22' });
    const [ada, bo, cy] = [newUser(), newUser(), newUser()];
    const { id, joinCode } = (
      await testbed.puzzle.graphql(CREATE, { input: { name: 'Office', year: 2026 } }, { viewer: ada })
    ).data!.createLeaderboard;
    for (const member of [bo, cy])
      expect((await testbed.puzzle.graphql(JOIN, { code: joinCode }, { viewer: member })).errors).toBeUndefined();

    // Day 10 part 1: bo, ada, cy (3, 2, 1). Part 2: ada, bo (3, 2).
    await solveAt(bo, day10, 1, '10', '2026-12-10T05:01:00.000Z');
    await solveAt(ada, day10, 1, '10', '2026-12-10T05:02:00.000Z');
    await solveAt(cy, day10, 1, '10', '2026-12-10T05:03:00.000Z');
    await solveAt(ada, day10, 2, '20', '2026-12-10T05:04:00.000Z');
    await solveAt(bo, day10, 2, '20', '2026-12-10T05:05:00.000Z');
    // Day 11 part 1: cy, bo (3, 2); part 2: cy (3). Totals: ada 5, bo 7, cy 7 — cy reached 7 first.
    await solveAt(cy, day11, 1, '11', '2026-12-11T05:01:00.000Z');
    await solveAt(cy, day11, 2, '22', '2026-12-11T05:02:00.000Z');
    await solveAt(bo, day11, 1, '11', '2026-12-11T05:03:00.000Z');

    const board = (await testbed.puzzle.graphql(BOARD, { id }, { viewer: bo })).data!.leaderboard;
    expect(board.members).toEqual([
      { user: { id: cy.id }, localScore: 7, stars: 3, lastStarAt: '2026-12-11T05:02:00.000Z' },
      { user: { id: bo.id }, localScore: 7, stars: 3, lastStarAt: '2026-12-11T05:03:00.000Z' },
      { user: { id: ada.id }, localScore: 5, stars: 2, lastStarAt: '2026-12-10T05:04:00.000Z' },
    ]);
    expect(board.joinCode).toBeNull(); // bo is not the owner
    expect((await testbed.puzzle.graphql(BOARD, { id }, { viewer: ada })).data!.leaderboard.joinCode).toBe(joinCode);

    const stars = await testbed.puzzle.graphql(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { stars(year: 2026) completions(year: 2026) { part puzzle { day } } } } }',
      { r: [{ __typename: 'User', id: cy.id }] },
      { viewer: null },
    );
    expect(stars.data!._entities[0]).toEqual({
      stars: 3,
      completions: [
        { part: 1, puzzle: { day: 10 } },
        { part: 1, puzzle: { day: 11 } },
        { part: 2, puzzle: { day: 11 } },
      ],
    });
  });

  it('shows a board to its members only, and lets members leave', async () => {
    const [owner, member, outsider] = [newUser(), newUser(), newUser()];
    const { id, joinCode } = (
      await testbed.puzzle.graphql(CREATE, { input: { name: 'Club', year: 2026 } }, { viewer: owner })
    ).data!.createLeaderboard;
    await testbed.puzzle.graphql(JOIN, { code: joinCode }, { viewer: member });
    expect(codeOf(await testbed.puzzle.graphql(BOARD, { id }, { viewer: outsider }))).toBe('FORBIDDEN');
    expect(codeOf(await testbed.puzzle.graphql(BOARD, { id }, { viewer: null }))).toBe('UNAUTHENTICATED');
    expect(
      (await testbed.puzzle.graphql('mutation($id: ID!) { leaveLeaderboard(id: $id) }', { id }, { viewer: member }))
        .data!.leaveLeaderboard,
    ).toBe(true);
    expect(codeOf(await testbed.puzzle.graphql(BOARD, { id }, { viewer: member }))).toBe('FORBIDDEN');
    expect(codeOf(await testbed.puzzle.graphql(JOIN, { code: 'no-such-code' }, { viewer: member }))).toBe('NOT_FOUND');
    // The owner leaving deletes the board.
    expect(
      (await testbed.puzzle.graphql('mutation($id: ID!) { leaveLeaderboard(id: $id) }', { id }, { viewer: owner }))
        .data!.leaveLeaderboard,
    ).toBe(true);
    expect((await testbed.puzzle.graphql(BOARD, { id }, { viewer: owner })).data!.leaderboard).toBeNull();
  });

  it('refuses members beyond the limit with CONFLICT', async () => {
    const owner = newUser();
    const { joinCode } = (
      await testbed.puzzle.graphql(CREATE, { input: { name: 'Tiny', year: 2026 } }, { viewer: owner })
    ).data!.createLeaderboard;
    for (let joined = 1; joined < 4; joined++)
      expect((await testbed.puzzle.graphql(JOIN, { code: joinCode }, { viewer: newUser() })).errors).toBeUndefined();
    expect(codeOf(await testbed.puzzle.graphql(JOIN, { code: joinCode }, { viewer: newUser() }))).toBe('CONFLICT');
  });

  it('validates the board’s name and year', async () => {
    const result = await testbed.puzzle.graphql(CREATE, { input: { name: 'Old', year: 1999 } }, { viewer: newUser() });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });
});

describe('global leaderboard', () => {
  it('gives the first solvers of each star 100, 99, … points', async () => {
    testbed.clock.set('2026-12-20T05:00:00.000Z');
    const day20 = await createPuzzle(testbed, { day: 20, answerPart1: '1', answerPart2: '2' });
    const [first, second] = [newUser(), newUser()];
    await solveAt(first, day20, 1, '1', '2026-12-20T05:00:10.000Z');
    await solveAt(second, day20, 1, '1', '2026-12-20T05:00:20.000Z');
    await solveAt(first, day20, 2, '2', '2026-12-20T05:00:30.000Z');
    const board = (
      await testbed.puzzle.graphql('{ globalLeaderboard(year: 2026, first: 100) { rank user { id } score stars } }')
    ).data!.globalLeaderboard;
    const entry = (user: Viewer) => board.find((row: any) => row.user.id === user.id);
    expect(entry(first)).toMatchObject({ score: 200, stars: 2 });
    expect(entry(second)).toMatchObject({ score: 99, stars: 1 });
    expect(board.map((row: any) => row.score)).toEqual(
      [...board.map((row: any) => row.score)].sort((a: number, b: number) => b - a),
    );
    expect(codeOf(await testbed.puzzle.graphql('{ globalLeaderboard(year: 2026, first: 101) { rank } }'))).toBe(
      'BAD_USER_INPUT',
    );
  });
});
