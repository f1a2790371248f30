import {
  codeOf,
  createPuzzle,
  newUser,
  startPuzzleTestbed,
  submit,
  type PuzzleTestbed,
} from './support/puzzle-subgraph';

let testbed: PuzzleTestbed;
let puzzleId: string;
beforeAll(async () => {
  testbed = await startPuzzleTestbed();
  testbed.clock.set('2026-12-06T06:00:00.000Z');
  puzzleId = await createPuzzle(testbed, { day: 6, answerPart1: '777' });
});
afterAll(() => testbed.close());

describe('cooldown after wrong answers', () => {
  it('makes the user wait 60 s after a wrong answer; inside the wait nothing is judged or recorded', async () => {
    const user = newUser();
    expect((await submit(testbed, user, puzzleId, 1, '1')).data!.submitAnswer.retryAfterSeconds).toBe(60);

    testbed.clock.advance(59);
    const blocked = await submit(testbed, user, puzzleId, 1, '777'); // right, but too soon
    expect(codeOf(blocked)).toBe('RATE_LIMITED');
    expect(blocked.errors![0]!.extensions!.retryAfter).toBe(1);
    const recorded = await testbed.puzzle.sql('select count(*)::int as n from submissions where user_id = $1', [
      user.id,
    ]);
    expect(recorded).toEqual([{ n: 1 }]);
    expect(await testbed.puzzle.sql('select 1 from completions where user_id = $1', [user.id])).toEqual([]);

    testbed.clock.advance(1);
    expect((await submit(testbed, user, puzzleId, 1, '777')).data!.submitAnswer.verdict).toBe('CORRECT');
  });

  it('grows to 300 s from the fifth wrong answer on a part', async () => {
    const user = newUser();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      const result = await submit(testbed, user, puzzleId, 1, String(attempt));
      waits.push(result.data!.submitAnswer.retryAfterSeconds);
      testbed.clock.advance(waits.at(-1)!);
    }
    expect(waits).toEqual([60, 60, 60, 60, 300, 300]);
    testbed.clock.advance(-1);
    const blocked = await submit(testbed, user, puzzleId, 1, '777');
    expect(blocked.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 1 });
  });

  it('keeps each user’s and each part’s wait separate', async () => {
    const [first, second] = [newUser(), newUser()];
    await submit(testbed, first, puzzleId, 1, '0');
    expect((await submit(testbed, second, puzzleId, 1, '0')).data!.submitAnswer.verdict).toBe('TOO_LOW');
  });
});
