import { SHARED_SERVER_ENV } from './postgres';

export default async function globalTeardown(): Promise<void> {
  const server = globalThis.__supergraphPostgres;
  if (!server) return;
  globalThis.__supergraphPostgres = undefined;
  delete process.env[SHARED_SERVER_ENV];
  await server.stop();
}
