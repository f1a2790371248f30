// Starts the one Postgres server a Jest run shares; each test file then creates its own database on it.
import { SHARED_SERVER_ENV, startPostgresServer, type PostgresServer } from './postgres';

declare global {
  var __supergraphPostgres: PostgresServer | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env[SHARED_SERVER_ENV]) return; // already started by an outer config, or given by the caller
  const server = await startPostgresServer((line) => process.stdout.write(`\n${line}\n`));
  globalThis.__supergraphPostgres = server;
  process.env[SHARED_SERVER_ENV] = server.adminUrl;
}
