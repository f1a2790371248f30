// Runs a service's migrations with Kysely's Migrator. Migrations are listed in code (not read from disk),
// so the same list works from TypeScript sources in tests and compiled JavaScript in production.
import type { Kysely } from 'kysely';
import { DEFAULT_MIGRATION_TABLE, Migrator, type Migration } from 'kysely/migration';
import pg from 'pg';

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

/**
 * How many migrations the database behind `connectionString` has applied (0 before its first): the dev launcher
 * compares the count before and after a service starts, since each service migrates its own database.
 */
export async function countAppliedMigrations(connectionString: string): Promise<number> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ applied: number }>(
      `select count(*)::int as applied from ${DEFAULT_MIGRATION_TABLE}`,
    );
    return rows[0]!.applied;
  } catch (error) {
    if ((error as { code?: unknown }).code === '42P01') return 0; // undefined_table: never migrated
    throw error;
  } finally {
    await client.end();
  }
}
