// Starts the one Postgres server a Jest run shares; each test file then creates its own database on it.
import net from 'node:net';
import { REDIS_ENV, SHARED_SERVER_ENV, startPostgresServer, type PostgresServer } from './postgres';

declare global {
  var __supergraphPostgres: PostgresServer | undefined;
}

/** Whether something answers the Redis protocol at `url` (PING → +PONG). */
async function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

export default async function globalSetup(): Promise<void> {
  if (process.env[SHARED_SERVER_ENV]) return; // already started by an outer config, or given by the caller
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (await redisAnswers(redisUrl)) process.env[REDIS_ENV] = redisUrl;
  else
    process.stdout.write(
      `\n[testing] Redis does not answer at ${redisUrl}: tests of Redis-backed features are skipped.\n`,
    );
  const server = await startPostgresServer((line) => process.stdout.write(`\n${line}\n`));
  globalThis.__supergraphPostgres = server;
  process.env[SHARED_SERVER_ENV] = server.adminUrl;
}
