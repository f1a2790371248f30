import {
  codeOf,
  CREATE_PUZZLE,
  createPuzzle,
  newUser,
  startPuzzleTestbed,
  submit,
  type PuzzleTestbed,
} from './support/puzzle-subgraph';

let testbed: PuzzleTestbed;
beforeAll(async () => {
  testbed = await startPuzzleTestbed();
  testbed.clock.set('2026-12-15T06:00:00.000Z');
});
afterAll(() => testbed.close());

const base = {
  year: 2026,
  day: 12,
  title: 'Twelve',
  description: 'text',
  input: 'data',
  answerPart1: '1',
  answerPart2: '2',
};
const countPuzzles = async () =>
  (await testbed.puzzle.sql<{ n: number }>('select count(*)::int as n from puzzles'))[0]!.n;

describe('puzzle administration', () => {
  it('is for admins only', async () => {
    expect(codeOf(await testbed.puzzle.graphql(CREATE_PUZZLE, { input: base }, { viewer: newUser() }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await testbed.puzzle.graphql(CREATE_PUZZLE, { input: base }))).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['day', { day: 26 }],
    ['day', { day: 0 }],
    ['year', { year: 2014 }],
    ['title', { title: '' }],
    ['answerPart1', { answerPart1: '   ' }],
    ['input', { input: 'x'.repeat(65_537) }],
  ])('rejects a bad %s with BAD_USER_INPUT and writes nothing', async (field, override) => {
    const before = await countPuzzles();
    const result = await testbed.puzzle.graphql(
      CREATE_PUZZLE,
      { input: { ...base, ...override } },
      { viewer: testbed.admin },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await countPuzzles()).toBe(before);
  });

  it('refuses a second puzzle for the same day with CONFLICT', async () => {
    await createPuzzle(testbed, { day: 13 });
    expect(
      codeOf(await testbed.puzzle.graphql(CREATE_PUZZLE, { input: { ...base, day: 13 } }, { viewer: testbed.admin })),
    ).toBe('CONFLICT');
  });

  it('changes answers (old ones stop being right) and deletes puzzles', async () => {
    const puzzleId = await createPuzzle(testbed, { day: 14, answerPart1: '100' });
    const update = await testbed.puzzle.graphql(
      'mutation($id: ID!) { updatePuzzle(id: $id, input: { title: "Fourteen", answerPart1: "200" }) { title } }',
      { id: puzzleId },
      { viewer: testbed.admin },
    );
    expect(update.data!.updatePuzzle.title).toBe('Fourteen');
    expect((await submit(testbed, newUser(), puzzleId, 1, '100')).data!.submitAnswer.verdict).toBe('TOO_LOW');
    expect((await submit(testbed, newUser(), puzzleId, 1, '200')).data!.submitAnswer.verdict).toBe('CORRECT');
    expect(
      codeOf(
        await testbed.puzzle.graphql(
          'mutation($id: ID!) { deletePuzzle(id: $id) }',
          { id: puzzleId },
          { viewer: newUser() },
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      (
        await testbed.puzzle.graphql(
          'mutation($id: ID!) { deletePuzzle(id: $id) }',
          { id: puzzleId },
          { viewer: testbed.admin },
        )
      ).data!.deletePuzzle,
    ).toBe(true);
    expect(
      codeOf(
        await testbed.puzzle.graphql(
          'mutation($id: ID!) { deletePuzzle(id: $id) }',
          { id: puzzleId },
          { viewer: testbed.admin },
        ),
      ),
    ).toBe('NOT_FOUND');
  });
});
