// Real Postgres for tests: one server per Jest run (a Testcontainers container where a container runtime
// answers, embedded Postgres otherwise) and a fresh database for every test file.
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dropDatabase, ensureDatabase, startEmbeddedPostgres, withDatabase } from '@supergraph/db';

/** Set by the Jest global setup: an admin URL of the run's shared server. */
export const SHARED_SERVER_ENV = 'SUPERGRAPH_TEST_POSTGRES_URL';
/** Set by the Jest global setup when a Redis server answers: its URL. Tests of Redis-backed paths need it. */
export const REDIS_ENV = 'SUPERGRAPH_TEST_REDIS_URL';

export interface PostgresServer {
  kind: 'testcontainers' | 'embedded';
  adminUrl: string;
  stop(): Promise<void>;
}

export interface TestDatabase {
  url: string;
  name: string;
  /** Drops the database (and stops the server if this database started its own). */
  drop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function containerRuntimeAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

let fallbackLogged = false;

/** Starts a Postgres server for a test run. */
export async function startPostgresServer(log: (line: string) => void = console.log): Promise<PostgresServer> {
  if (await containerRuntimeAnswers()) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:18-alpine')
      .withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off'])
      .start();
    return {
      kind: 'testcontainers',
      adminUrl: withDatabase(container.getConnectionUri(), 'postgres'),
      stop: async () => void (await container.stop()),
    };
  }
  if (!fallbackLogged) {
    fallbackLogged = true;
    log('[testing] No container runtime answered; using embedded Postgres (real Postgres binaries from npm).');
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'supergraph-test-pg-'));
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  return { kind: 'embedded', adminUrl: server.url('postgres'), stop: () => server.stop() };
}

/**
 * A fresh, empty database on a real Postgres server: the run's shared server under Jest, or a server of
 * its own elsewhere. Call `drop()` when done.
 */
export async function startPostgres(label = 'test'): Promise<TestDatabase> {
  const sharedUrl = process.env[SHARED_SERVER_ENV];
  const ownServer = sharedUrl ? undefined : await startPostgresServer();
  const adminUrl = sharedUrl ?? ownServer!.adminUrl;
  const name = `${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(adminUrl, name);
  return {
    url: withDatabase(adminUrl, name),
    name,
    async drop() {
      await dropDatabase(adminUrl, name);
      await ownServer?.stop();
    },
  };
}
