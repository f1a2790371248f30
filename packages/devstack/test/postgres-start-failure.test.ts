// `npm start` when its Postgres cannot start: one plain paragraph, a non-zero exit, and nothing left running.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

let blocker: Server;
let port: number;
let dataDir: string;

beforeAll(async () => {
  blocker = createServer((socket) => socket.destroy()).listen(0, '127.0.0.1'); // something else holds the port
  await new Promise((resolve) => blocker.once('listening', resolve));
  port = (blocker.address() as { port: number }).port;
  dataDir = await mkdtemp(path.join(tmpdir(), 'supergraph-devstack-'));
});

afterAll(async () => {
  await new Promise((resolve) => blocker.close(resolve));
  await rm(dataDir, { recursive: true, force: true });
});

it('exits 1 with a message saying the Postgres port is taken, without a stack trace or a server left behind', async () => {
  // The real entry point (src/main.ts), run from TypeScript sources.
  const launcher = spawn(
    process.execPath,
    ['--conditions=@supergraph/source', '-r', '@swc-node/register', path.join(__dirname, '../src/main.ts')],
    {
      cwd: path.join(__dirname, '..'),
      env: { ...process.env, DATABASE_URL: '', EMBEDDED_POSTGRES_PORT: String(port), DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  for (const stream of [launcher.stdout, launcher.stderr])
    stream.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exitCode = await new Promise<number | null>((resolve) => launcher.once('exit', resolve));

  expect(exitCode).toBe(1);
  expect(output).toContain(`Embedded Postgres did not start on 127.0.0.1:${port}`);
  expect(output).toContain(`Port ${port} is taken`);
  expect(output).not.toMatch(/^\s+at /m); // no stack frames
  expect(output).not.toContain('The supergraph is up');
  // Nothing was started, so nothing is left: no running postmaster on the data directory.
  const realDataDir = output.match(/with data in (\S+):/)![1]!;
  expect(existsSync(path.join(realDataDir, 'postmaster.pid'))).toBe(false);
  await rm(realDataDir, { recursive: true, force: true }); // as root it may lie outside DATA_DIR
});
