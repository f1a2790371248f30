// The dev launcher reports what each service migrated at start-up by counting applied migrations before and
// after: 0 for a database never migrated, then one per migration run.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import {
  countAppliedMigrations,
  createDatabase,
  createPool,
  migrateToLatest,
  startEmbeddedPostgres,
  type Migrations,
  type RunningPostgres,
} from '../src';

let server: RunningPostgres;
let folder: string;

beforeAll(async () => {
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => probe.once('listening', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  folder = await mkdtemp(path.join(tmpdir(), 'supergraph-count-migrations-'));
  server = await startEmbeddedPostgres({ dataDir: path.join(folder, 'postgres'), port, persistent: false });
});

afterAll(async () => {
  await server.stop();
  await rm(folder, { recursive: true, force: true });
});

const migrations: Migrations = {
  '2026-01-01T00-00_create_a': { up: async (db) => void (await sql`create table a (id int)`.execute(db)) },
  '2026-01-02T00-00_create_b': { up: async (db) => void (await sql`create table b (id int)`.execute(db)) },
};

it('is 0 before the first migration and counts each one applied', async () => {
  const url = server.url();
  expect(await countAppliedMigrations(url)).toBe(0);

  const db = createDatabase(createPool({ connectionString: url }));
  try {
    await migrateToLatest(db, migrations);
  } finally {
    await db.destroy();
  }

  expect(await countAppliedMigrations(url)).toBe(2);
});
