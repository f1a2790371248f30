import { startSupergraph, type Supergraph } from './support/supergraph';

let supergraph: Supergraph;
beforeAll(async () => {
  supergraph = await startSupergraph();
});
afterAll(() => supergraph.close());

describe('puzzles through the gateway', () => {
  it('an admin creates a puzzle; a user answers wrong, then right, and sees the star on `me`', async () => {
    const admin = await supergraph.signUp('puzzlemaster');
    const adminAuth = { authorization: `Bearer ${supergraph.accessTokenFor({ id: admin.viewer.id, role: 'ADMIN' })}` };
    const created = await supergraph.query(
      'mutation($input: CreatePuzzleInput!) { createPuzzle(input: $input) { id unlocked } }',
      {
        input: {
          year: 2025,
          day: 1,
          title: 'Counting Candles',
          description: 'Add up the candles.',
          input: '3\n4\n',
          answerPart1: '7',
          answerPart2: '12',
          unlocksAt: new Date(supergraph.puzzleClock.now.getTime() - 1000).toISOString(),
        },
      },
      adminAuth,
    );
    expect(created.data!.createPuzzle.unlocked).toBe(true);
    const puzzleId = created.data!.createPuzzle.id;

    const alice = await supergraph.signUp('alice_solver');
    const SUBMIT =
      'mutation($input: SubmitAnswerInput!) { submitAnswer(input: $input) { verdict starsEarned retryAfterSeconds } }';
    expect(
      (await supergraph.query(SUBMIT, { input: { puzzleId, part: 1, answer: '9' } }, alice.auth)).data!.submitAnswer,
    ).toEqual({
      verdict: 'TOO_HIGH',
      starsEarned: 0,
      retryAfterSeconds: 60,
    });
    const tooSoon = await supergraph.query(SUBMIT, { input: { puzzleId, part: 1, answer: '7' } }, alice.auth);
    expect(tooSoon.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 60 });
    supergraph.puzzleClock.advance(60);
    expect(
      (await supergraph.query(SUBMIT, { input: { puzzleId, part: 1, answer: '7' } }, alice.auth)).data!.submitAnswer
        .verdict,
    ).toBe('CORRECT');

    const me = await supergraph.query(
      '{ me { username stars(year: 2025) completions(year: 2025) { part puzzle { title myStars } } } }',
      undefined,
      alice.auth,
    );
    expect(me.data!.me).toEqual({
      username: 'alice_solver',
      stars: 1,
      completions: [{ part: 1, puzzle: { title: 'Counting Candles', myStars: 1 } }],
    });

    const board = await supergraph.query('{ globalLeaderboard(year: 2025) { rank score user { username } } }');
    expect(board.data!.globalLeaderboard).toEqual([{ rank: 1, score: 100, user: { username: 'alice_solver' } }]);
  });

  it('refuses an anonymous answer and a non-admin puzzle', async () => {
    const anonymous = await supergraph.query(
      'mutation { submitAnswer(input: { puzzleId: "00000000-0000-4000-8000-000000000000", part: 1, answer: "1" }) { verdict } }',
    );
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const user = await supergraph.signUp('not_admin');
    const create = await supergraph.query(
      'mutation { createPuzzle(input: { year: 2025, day: 2, title: "x", description: "x", input: "x", answerPart1: "1", answerPart2: "2" }) { id } }',
      undefined,
      user.auth,
    );
    expect(create.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
