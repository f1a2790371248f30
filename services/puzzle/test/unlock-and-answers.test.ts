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
  testbed = await startPuzzleTestbed();
});
afterAll(() => testbed.close());

const PUZZLE =
  'query($year: Int!, $day: Int!) { puzzle(year: $year, day: $day) { id title unlocksAt unlocked description input myStars solvers(part: 1) } }';

describe('unlocking', () => {
  it('by default unlocks at midnight US-Eastern on its day; before that, no text, no input, no submissions', async () => {
    testbed.clock.set('2026-12-03T04:59:59.999Z');
    const puzzleId = await createPuzzle(testbed, { day: 3 });
    const before = await testbed.puzzle.graphql(PUZZLE, { year: 2026, day: 3 }, { viewer: null });
    expect(before.data!.puzzle).toMatchObject({
      title: 'Day 3',
      unlocksAt: '2026-12-03T05:00:00.000Z',
      unlocked: false,
      description: null,
      input: null,
    });
    expect(codeOf(await submit(testbed, newUser(), puzzleId, 1, '6'))).toBe('FORBIDDEN');

    testbed.clock.set('2026-12-03T05:00:00.000Z');
    const after = await testbed.puzzle.graphql(PUZZLE, { year: 2026, day: 3 }, { viewer: null });
    expect(after.data!.puzzle).toMatchObject({
      unlocked: true,
      description: 'The elves need help on day 3.',
      input: '1\n2\n3\n',
    });
    expect((await submit(testbed, newUser(), puzzleId, 1, '6')).data!.submitAnswer.verdict).toBe('CORRECT');
  });

  it('honours an explicit unlocksAt', async () => {
    testbed.clock.set('2026-12-04T12:00:00.000Z');
    await createPuzzle(testbed, { day: 4, unlocksAt: '2026-12-04T12:00:00.001Z' });
    expect((await testbed.puzzle.graphql(PUZZLE, { year: 2026, day: 4 })).data!.puzzle.unlocked).toBe(false);
    testbed.clock.advance(0.001);
    expect((await testbed.puzzle.graphql(PUZZLE, { year: 2026, day: 4 })).data!.puzzle.unlocked).toBe(true);
  });
});

describe('answers', () => {
  let puzzleId: string;
  beforeAll(async () => {
    testbed.clock.set('2026-12-05T06:00:00.000Z');
    puzzleId = await createPuzzle(testbed, { day: 5, answerPart1: '4242', answerPart2: 'SNOWFLAKE' });
  });

  it('says TOO_HIGH or TOO_LOW for integers, INCORRECT otherwise, and gives a star for the right one', async () => {
    const [high, low, word] = [newUser(), newUser(), newUser()];
    expect((await submit(testbed, high, puzzleId, 1, '5000')).data!.submitAnswer).toEqual({
      correct: false,
      verdict: 'TOO_HIGH',
      starsEarned: 0,
      retryAfterSeconds: 60,
    });
    expect((await submit(testbed, low, puzzleId, 1, '17')).data!.submitAnswer.verdict).toBe('TOO_LOW');
    expect((await submit(testbed, word, puzzleId, 1, 'many')).data!.submitAnswer.verdict).toBe('INCORRECT');
    const solver = newUser();
    expect((await submit(testbed, solver, puzzleId, 1, '  4242\n')).data!.submitAnswer).toEqual({
      correct: true,
      verdict: 'CORRECT',
      starsEarned: 1,
      retryAfterSeconds: null,
    });
    const me = await testbed.puzzle.graphql(PUZZLE, { year: 2026, day: 5 }, { viewer: solver });
    expect(me.data!.puzzle).toMatchObject({ myStars: 1, solvers: 1 });
  });

  it('opens part 2 only after part 1', async () => {
    const user = newUser();
    const early = await submit(testbed, user, puzzleId, 2, 'SNOWFLAKE');
    expect(codeOf(early)).toBe('FORBIDDEN');
    expect(early.errors![0]!.message).toMatch(/part 1 first/);
    await submit(testbed, user, puzzleId, 1, '4242');
    expect((await submit(testbed, user, puzzleId, 2, 'SNOWFLAKE')).data!.submitAnswer).toMatchObject({
      verdict: 'CORRECT',
      starsEarned: 1,
    });
    const stars = await testbed.puzzle.graphql(PUZZLE, { year: 2026, day: 5 }, { viewer: user });
    expect(stars.data!.puzzle.myStars).toBe(2);
  });

  it('answers ALREADY_SOLVED, with no new star, for a part already solved', async () => {
    const user = newUser();
    await submit(testbed, user, puzzleId, 1, '4242');
    expect((await submit(testbed, user, puzzleId, 1, '4242')).data!.submitAnswer).toEqual({
      correct: true,
      verdict: 'ALREADY_SOLVED',
      starsEarned: 0,
      retryAfterSeconds: null,
    });
    expect(
      (await testbed.puzzle.sql('select count(*)::int as stars from completions where user_id = $1', [user.id]))[0],
    ).toEqual({ stars: 1 });
  });

  it('records every judged submission, with a hash instead of the answer', async () => {
    const user = newUser();
    await submit(testbed, user, puzzleId, 1, '4000');
    testbed.clock.advance(60);
    await submit(testbed, user, puzzleId, 1, '4242');
    const rows = await testbed.puzzle.sql<{ verdict: string; answer_hash: string }>(
      'select verdict, answer_hash from submissions where user_id = $1 order by submitted_at',
      [user.id],
    );
    expect(rows.map((row) => row.verdict)).toEqual(['TOO_LOW', 'CORRECT']);
    expect(rows.some((row) => row.answer_hash.includes('4242') || row.answer_hash.includes('4000'))).toBe(false);
  });

  it('never puts an answer in a response or in the database in clear', async () => {
    const bodies: string[] = [];
    const user = newUser();
    const record = async (result: Promise<unknown>) => bodies.push(JSON.stringify(await result));
    await record(testbed.puzzle.graphql(PUZZLE, { year: 2026, day: 5 }, { viewer: testbed.admin }));
    await record(
      testbed.puzzle.graphql('{ puzzles(year: 2026) { id title description input } }', undefined, {
        viewer: testbed.admin,
      }),
    );
    await record(submit(testbed, user, puzzleId, 1, '1'));
    await record(submit(testbed, user, puzzleId, 1, '4242'));
    await record(submit(testbed, user, puzzleId, 2, 'snowflake'));
    await record(
      testbed.puzzle.graphql(
        'mutation($id: ID!) { updatePuzzle(id: $id, input: { answerPart2: "SNOWFLAKE" }) { id title } }',
        { id: puzzleId },
        { viewer: testbed.admin },
      ),
    );
    for (const body of bodies) {
      expect(body).not.toContain('4242');
      expect(body).not.toMatch(/SNOWFLAKE/);
    }
    const dump = JSON.stringify(await testbed.puzzle.sql('select * from puzzles where id = $1', [puzzleId]));
    expect(dump).not.toContain('4242');
    expect(dump).not.toContain('SNOWFLAKE');
  });
});
