import type { Kysely } from 'kysely';
import { createDatabase, createPool } from '@supergraph/db';
import { createLogger } from '@supergraph/subgraph';
import type { Database } from '../src/db/schema';
import { puzzleJobs } from '../src/jobs';
import { createPuzzle, startPuzzleTestbed, type PuzzleTestbed } from './support/puzzle-subgraph';

let testbed: PuzzleTestbed;
let db: Kysely<Database>;
beforeAll(async () => {
  testbed = await startPuzzleTestbed();
  db = createDatabase<Database>(createPool({ connectionString: testbed.puzzle.databaseUrl, maxConnections: 4 }));
});
afterAll(async () => {
  await db.destroy();
  await testbed.close();
});

describe('the record-puzzle-unlocks job', () => {
  it('records each unlock once, however often and however concurrently it runs', async () => {
    testbed.clock.set('2026-12-01T00:00:00.000Z');
    const day1 = await createPuzzle(testbed, { day: 1 });
    const day2 = await createPuzzle(testbed, { day: 2 });
    const [job] = puzzleJobs(db, createLogger('puzzle', 'silent'), () => new Date('2026-12-01T05:00:00.000Z'));
    expect(job!.name).toBe('record-puzzle-unlocks');

    await Promise.all([job!.run(), job!.run(), job!.run()]);
    await job!.run();
    const events = await testbed.puzzle.sql('select puzzle_id, unlocked_at from puzzle_unlock_events');
    expect(events).toEqual([{ puzzle_id: day1, unlocked_at: new Date('2026-12-01T05:00:00.000Z') }]);

    // Day 2 unlocks a day later; the next run after that records it, and only it.
    const [later] = puzzleJobs(db, createLogger('puzzle', 'silent'), () => new Date('2026-12-02T05:00:00.000Z'));
    await later!.run();
    const ids = (
      await testbed.puzzle.sql<{ puzzle_id: string }>('select puzzle_id from puzzle_unlock_events order by unlocked_at')
    ).map((row) => row.puzzle_id);
    expect(ids).toEqual([day1, day2]);
  });
});
