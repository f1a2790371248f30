// The sweeper deletes each listed file from the photo store once, then forgets it: a store that fails gets the
// files back later, and a second replica sweeping at the same time skips the files the first one holds.
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { createDatabase, createPool, migrateToLatest } from '@supergraph/db';
import { createLogger } from '@supergraph/runtime';
import { startPostgres, type TestDatabase } from '@supergraph/testing';
import { migrations } from '../src/db/migrations';
import type { Database } from '../src/db/schema';
import type { PhotoStore } from '../src/photos/photo-store';
import { createPhotoSweeper } from '../src/photos/photo-sweeper';

let database: TestDatabase;
let pool: pg.Pool;
let db: Kysely<Database>;
beforeAll(async () => {
  database = await startPostgres('animal_sweeper');
  pool = createPool({ connectionString: database.url, maxConnections: 4 });
  db = createDatabase<Database>(pool);
  await migrateToLatest(db, migrations);
});
afterAll(async () => {
  await db.destroy();
  await database.drop();
});
beforeEach(() => pool.query('delete from photo_files_to_delete'));

const logger = createLogger('test', 'silent');
const list = (...keys: string[]) =>
  pool.query('insert into photo_files_to_delete (key) select unnest($1::text[])', [keys]);
const listed = async () =>
  (
    await pool.query<{ key: string; due: boolean }>(
      'select key, delete_after <= now() as due from photo_files_to_delete order by key',
    )
  ).rows;

/** A store that records what it was asked to delete, and fails or waits when told to. */
function recordingStore() {
  const deleted: string[] = [];
  const store = {
    deleted,
    fail: false,
    /** Runs as delete begins (the sweeper holds the rows by then). */
    whileDeleting: async () => {},
    async put() {},
    async delete(keys: readonly string[]) {
      await store.whileDeleting();
      if (store.fail) throw new Error('the store is down');
      deleted.push(...keys);
    },
    publicUrl: (key: string) => `https://photos.example/${key}`,
  } satisfies PhotoStore & Record<string, unknown>;
  return store;
}

it('deletes the listed files and forgets them; a failing store gets them back later', async () => {
  const store = recordingStore();
  const sweeper = createPhotoSweeper({ db, store, logger, now: () => new Date() });
  await list('a.jpg', 'b.jpg');
  store.fail = true;
  await sweeper.sweep();
  // Still listed, not due now: the next sweeps leave them until the retry delay has passed.
  expect(await listed()).toEqual([
    { key: 'a.jpg', due: false },
    { key: 'b.jpg', due: false },
  ]);
  store.fail = false;
  await sweeper.sweep();
  expect(store.deleted).toEqual([]);
  await pool.query('update photo_files_to_delete set delete_after = now()');
  await sweeper.sweep();
  expect(store.deleted.sort()).toEqual(['a.jpg', 'b.jpg']);
  expect(await listed()).toEqual([]);
  await sweeper.stop();
});

it('deletes each file once when two replicas sweep at the same time', async () => {
  const first = recordingStore();
  const second = recordingStore();
  let entered!: () => void;
  let release!: () => void;
  const inside = new Promise<void>((resolve) => (entered = resolve));
  const gate = new Promise<void>((resolve) => (release = resolve));
  first.whileDeleting = async () => {
    entered();
    await gate;
  };
  const replicas = [first, second].map((store) => createPhotoSweeper({ db, store, logger, now: () => new Date() }));
  await list('c.jpg', 'd.jpg', 'e.jpg');
  // The first replica holds the rows while its store works; the second finds nothing it may take.
  const sweeping = replicas[0]!.sweep();
  await inside;
  await replicas[1]!.sweep();
  expect(second.deleted).toEqual([]);
  release();
  await sweeping;
  expect(first.deleted.sort()).toEqual(['c.jpg', 'd.jpg', 'e.jpg']);
  expect(await listed()).toEqual([]);
  await Promise.all(replicas.map((sweeper) => sweeper.stop()));
});

it('stops its timer and sweeps no more once stopped', async () => {
  const store = recordingStore();
  const sweeper = createPhotoSweeper({ db, store, logger, now: () => new Date(), intervalMs: 60_000 });
  sweeper.start();
  await sweeper.stop();
  await list('f.jpg');
  await sweeper.sweep();
  expect(store.deleted).toEqual([]);
});
