// Who runs the embedded Postgres, and where its binaries and data live so that user can reach them.
//
// Postgres refuses to run as root. As an ordinary user it simply runs as that user, binaries and data in
// place. As root it runs as the unprivileged `postgres` system user (created when missing), who must be
// able to walk every directory down to the binaries and the data; a checkout inside a private directory
// (mode 0700, as /root and most home directories are) is out of its reach. So, as root only:
// - binaries it cannot reach are copied once per version into a root-owned, world-readable folder under the
//   system temporary directory (`supergraph-postgres-<version>-<platform>-<arch>`), reused afterwards;
// - a data directory it cannot reach is replaced by `supergraph-postgres-data-<hash of the requested path>`
//   under the temporary directory, owned by that user, so the same request finds the same data again.
// Nothing here changes the mode of a directory the caller owns.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, chown, cp, lstat, mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedPostgresError, describe } from './embedded-postgres-error';

const run = promisify(execFile);
const POSTGRES_USER = 'postgres';

/** The unprivileged account Postgres runs as when we are root; undefined when it runs as the current user. */
export interface RunAs {
  name: string;
  uid: number;
  gid: number;
}

export async function postgresRunAs(): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = await lookupUser(POSTGRES_USER);
  if (existing) return existing;
  try {
    // `groupadd` exits 9 when the group exists already; that is fine.
    await run('groupadd', ['--system', POSTGRES_USER]).catch((error: { code?: unknown }) => {
      if (error.code !== 9) throw error;
    });
    await run('useradd', ['--system', '--gid', POSTGRES_USER, '--no-create-home', POSTGRES_USER]);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `Embedded Postgres could not create the "${POSTGRES_USER}" system user (${describe(error)}). Postgres refuses to ` +
        `run as root, so when started by root it runs as that user. Create it yourself (useradd --system ${POSTGRES_USER}), ` +
        'run as an ordinary user, or point DATABASE_URL at a Postgres server you run.',
      { cause: error },
    );
  }
  const created = await lookupUser(POSTGRES_USER);
  if (!created)
    throw new EmbeddedPostgresError(
      `Embedded Postgres created the "${POSTGRES_USER}" user but cannot find it (id ${POSTGRES_USER} fails).`,
    );
  return created;
}

async function lookupUser(name: string): Promise<RunAs | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/** Whether `user` may search (x) a directory with this owner and mode; supplementary groups are not counted. */
function maySearch(user: RunAs, owner: { uid: number; gid: number; mode: number }): boolean {
  const bit = owner.uid === user.uid ? 0o100 : owner.gid === user.gid ? 0o010 : 0o001;
  return (owner.mode & bit) !== 0;
}

/** Whether `user` may walk from / down into `dir` (execute permission on it and on every ancestor). */
export async function canTraverse(user: RunAs, dir: string): Promise<boolean> {
  const absolute = path.resolve(dir);
  const chain = [absolute];
  while (path.dirname(chain[0]!) !== chain[0]) chain.unshift(path.dirname(chain[0]!));
  for (const entry of chain) {
    const info = await stat(entry).catch(() => undefined);
    if (!info) return false;
    if (!maySearch(user, info)) return false;
  }
  return true;
}

/** A folder the current (root) user made and alone may write: safe to run binaries from. */
async function isRootOwnedAndClosed(dir: string): Promise<boolean> {
  const info = await lstat(dir).catch(() => undefined);
  return Boolean(info?.isDirectory() && info.uid === 0 && (info.mode & 0o022) === 0);
}

async function packageVersion(binariesDir: string): Promise<string> {
  try {
    const manifest = JSON.parse(await readFile(path.join(binariesDir, '..', 'package.json'), 'utf8')) as {
      version?: string;
    };
    if (manifest.version) return manifest.version;
  } catch {
    // not inside an npm package: name the copy after its source instead
  }
  return createHash('sha256').update(path.resolve(binariesDir)).digest('hex').slice(0, 12);
}

/**
 * The folder to run the binaries (`bin/`, `lib/`, `share/`) from: `binariesDir` itself, or as root, when the
 * `postgres` user cannot reach it, a root-owned world-readable copy made once per version.
 */
export async function reachableBinaries(binariesDir: string, user: RunAs | undefined): Promise<string> {
  if (!user || (await canTraverse(user, path.join(binariesDir, 'bin')))) return binariesDir;
  const target = path.join(
    tmpdir(),
    `supergraph-postgres-${await packageVersion(binariesDir)}-${process.platform}-${process.arch}`,
  );
  if ((await isRootOwnedAndClosed(target)) && (await canTraverse(user, path.join(target, 'bin')))) return target;
  // Copy next to the target, then rename: a concurrent start either wins the rename or uses the winner's copy.
  const staging = await mkdtemp(`${target}.partial-`);
  try {
    await cp(binariesDir, staging, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (source) => !source.endsWith('.a'), // static libraries are for linking, not running
    });
    await chmod(staging, 0o755);
    await rename(staging, target).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      await rm(staging, { recursive: true, force: true });
    });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw new EmbeddedPostgresError(
      `Embedded Postgres could not copy its binaries to ${target} (${describe(error)}). As root it runs as the ` +
        `"${user.name}" user, who cannot reach ${binariesDir}. Free some space in ${tmpdir()} or run as an ordinary user.`,
      { cause: error },
    );
  }
  if (!(await isRootOwnedAndClosed(target))) {
    throw new EmbeddedPostgresError(
      `Embedded Postgres will not run binaries from ${target}: that folder is not root-owned and closed to other ` +
        'users, so someone else may have put it there. Remove it and start again.',
    );
  }
  return target;
}

/**
 * The data directory to use, created and owned by whoever runs Postgres: `dataDir` itself, or as root, when the
 * `postgres` user cannot reach its parent, a folder of that user's under the temporary directory.
 */
export async function reachableDataDir(dataDir: string, user: RunAs | undefined): Promise<string> {
  const requested = path.resolve(dataDir);
  const usable = !user || (await canTraverse(user, path.dirname(requested)));
  const target = usable
    ? requested
    : path.join(
        tmpdir(),
        `supergraph-postgres-data-${createHash('sha256').update(requested).digest('hex').slice(0, 12)}`,
      );
  try {
    await mkdir(target, { recursive: true, mode: 0o700 });
    const info = await lstat(target);
    if (!info.isDirectory()) throw new Error(`${target} is not a directory`);
    if (user) {
      // Ours, or already the postgres user's from an earlier start; anyone else's folder is not taken over.
      if (info.uid !== 0 && info.uid !== user.uid) throw new Error(`${target} belongs to uid ${info.uid}`);
      await chown(target, user.uid, user.gid);
    }
    await chmod(target, 0o700); // Postgres insists on a private data directory
  } catch (error) {
    throw new EmbeddedPostgresError(
      `Embedded Postgres could not prepare its data directory ${target} (${describe(error)}). ` +
        'Choose another data directory, or remove that one if it is left over from something else.',
      { cause: error },
    );
  }
  return target;
}
