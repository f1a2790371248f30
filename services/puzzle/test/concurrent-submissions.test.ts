import { createPuzzle, newUser, startPuzzleTestbed, submit, type PuzzleTestbed } from './support/puzzle-subgraph';

let testbed: PuzzleTestbed;
beforeAll(async () => {
  testbed = await startPuzzleTestbed();
  testbed.clock.set('2026-12-07T06:00:00.000Z');
});
afterAll(() => testbed.close());

describe('concurrent correct submissions', () => {
  it('10 at once earn one CORRECT and one star; the rest are ALREADY_SOLVED', async () => {
    const puzzleId = await createPuzzle(testbed, { day: 7, answerPart1: '99' });
    const user = newUser();
    const results = await Promise.all(Array.from({ length: 10 }, () => submit(testbed, user, puzzleId, 1, '99')));
    const verdicts = results.map((result) => result.data!.submitAnswer.verdict).sort();
    expect(verdicts).toEqual(['ALREADY_SOLVED', ...Array(8).fill('ALREADY_SOLVED'), 'CORRECT'].sort());
    expect(results.reduce((sum, result) => sum + result.data!.submitAnswer.starsEarned, 0)).toBe(1);
    expect(
      await testbed.puzzle.sql('select count(*)::int as n from completions where user_id = $1', [user.id]),
    ).toEqual([{ n: 1 }]);
  });
});
