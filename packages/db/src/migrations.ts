// Runs a service's migrations with Kysely's Migrator. Migrations are listed in code (not read from disk),
// so the same list works from TypeScript sources in tests and compiled JavaScript in production.
import type { Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';

export type Migrations = Record<string, Migration>;

export class MigrationFailed extends Error {
  override name = 'MigrationFailed';
}

// Kysely<any>: the runner serves every service's database type.
export async function migrateToLatest<DB>(db: Kysely<DB>, migrations: Migrations): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((result) => result.status === 'Error');
  if (error || failed) {
    const where = failed ? ` in ${failed.migrationName}` : '';
    throw new MigrationFailed(`Migration failed${where}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
