// The dev stack's Postgres lives in a process group of its own, so a terminal's Ctrl-C (SIGINT to the whole
// foreground group) leaves it to be stopped last; it still never outlives the process that started it.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startEmbeddedPostgres } from '../src';

const run = promisify(execFile);
const cleanup: string[] = [];

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => probe.once('listening', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function freshDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'supergraph-pg-group-'));
  cleanup.push(dir);
  return path.join(dir, 'postgres');
}

/** The postmaster's pid, from the postmaster.pid file a running server keeps in its data directory. */
async function postmasterPid(dataDir: string): Promise<number> {
  return Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

async function processGroupOf(pid: number): Promise<number> {
  return Number((await run('ps', ['-o', 'pgid=', '-p', String(pid)])).stdout.trim());
}

/** Waits until the server has shut down and removed its postmaster.pid, or 30 s have passed (then the test fails). */
async function untilStopped(dataDir: string): Promise<void> {
  const giveUpAt = Date.now() + 30_000;
  while (existsSync(path.join(dataDir, 'postmaster.pid')) && Date.now() < giveUpAt)
    await new Promise((resolve) => setTimeout(resolve, 100));
}

afterAll(async () => {
  for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
});

it('by default shares our process group, so whatever signals the group reaches it too', async () => {
  const server = await startEmbeddedPostgres({
    dataDir: await freshDataDir(),
    port: await freePort(),
    persistent: false,
  });
  try {
    expect(await processGroupOf(await postmasterPid(server.dataDir))).toBe(await processGroupOf(process.pid));
  } finally {
    await server.stop();
  }
});

it('with ownProcessGroup runs in a group of its own and stops when asked', async () => {
  const server = await startEmbeddedPostgres({
    dataDir: await freshDataDir(),
    port: await freePort(),
    persistent: true,
    ownProcessGroup: true,
  });
  let stopped = false;
  try {
    const pid = await postmasterPid(server.dataDir);
    expect(await processGroupOf(pid)).toBe(pid); // the leader of its own group
    expect(await processGroupOf(pid)).not.toBe(await processGroupOf(process.pid));
    await server.stop();
    stopped = true;
    expect(existsSync(path.join(server.dataDir, 'postmaster.pid'))).toBe(false);
  } finally {
    if (!stopped) await server.stop();
    await rm(server.dataDir, { recursive: true, force: true });
  }
});

// The parent-death signal comes from util-linux's setpriv; elsewhere such a server outlives a killed parent.
const linuxWithSetpriv =
  process.platform === 'linux' && ['/usr/bin/setpriv', '/bin/setpriv'].some((file) => existsSync(file));
(linuxWithSetpriv ? it : it.skip)(
  'with ownProcessGroup stops when the process that started it is killed outright (SIGKILL)',
  async () => {
    const parent = spawn(
      process.execPath,
      [
        '--conditions=@supergraph/source',
        '-r',
        '@swc-node/register',
        path.join(__dirname, 'fixtures/postgres-own-group-parent.ts'),
        await freshDataDir(),
        String(await freePort()),
      ],
      { cwd: path.join(__dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const dataDir = await new Promise<string>((resolve, reject) => {
        parent.stdout.setEncoding('utf8').once('data', (line: string) => resolve(line.trim()));
        parent.once('exit', (code) => reject(new Error(`the parent exited with ${code} before Postgres was up`)));
      });
      cleanup.push(dataDir); // as root it may lie outside the requested folder
      const pid = await postmasterPid(dataDir);
      try {
        expect(await processGroupOf(pid)).not.toBe(await processGroupOf(parent.pid!));

        parent.kill('SIGKILL');
        await untilStopped(dataDir);

        expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
      } finally {
        if (existsSync(path.join(dataDir, 'postmaster.pid'))) process.kill(pid, 'SIGINT'); // leave nothing running
      }
    } finally {
      parent.kill('SIGKILL');
    }
  },
);
