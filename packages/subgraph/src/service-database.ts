// A subgraph's database handle with its metrics wired in: every statement is timed, the pool is watched, and
// an optional extra listener (tests count statements) sees every statement too.
import type { Kysely, LogEvent } from 'kysely';
import type pg from 'pg';
import { createDatabase, createPool, migrateToLatest, type Migrations } from '@supergraph/db';
import { createMetrics, type Metrics } from '@supergraph/observability';
import type { Logger } from '@supergraph/runtime';

export function createServiceDatabase<Database>(
  service: string,
  pool: pg.Pool,
  onQuery?: (event: LogEvent) => void,
): { db: Kysely<Database>; metrics: Metrics } {
  const metrics = createMetrics(service);
  metrics.trackPool(service, pool);
  const db = createDatabase<Database>(pool, {
    onQuery: (event) => {
      metrics.observeDbQuery(event);
      onQuery?.(event);
    },
  });
  return { db, metrics };
}

/**
 * What every subgraph's main.ts does first: a pool on its own database, brought to the latest migration.
 * Returns the pool (the server's) and a plain Kysely handle over it for start-up work (seeding, jobs).
 */
export async function openMigratedDatabase<Database>(
  service: string,
  connectionString: string,
  migrations: Migrations,
  logger: Logger,
): Promise<{ pool: pg.Pool; db: Kysely<Database> }> {
  const pool = createPool({ connectionString, applicationName: service });
  const db = createDatabase<Database>(pool);
  const applied = await migrateToLatest(db, migrations);
  if (applied.length) logger.info({ migrations: applied }, 'applied migrations');
  return { pool, db };
}
