// A subgraph's database handle with its metrics wired in: every statement is timed, the pool is watched, each
// statement is a span when the process traces, and an optional extra listener (tests count statements) sees
// every statement too.
import type { Kysely, LogEvent } from 'kysely';
import type pg from 'pg';
import { createDatabase, createPool, migrateToLatest, type Migrations } from '@supergraph/db';
import { createMetrics, recordSqlStatement, type Metrics } from '@supergraph/observability';
import type { Logger } from '@supergraph/runtime';

export function createServiceDatabase<Database>(
  service: string,
  pool: pg.Pool,
  onQuery?: (event: LogEvent) => void,
  tracing = false,
): { db: Kysely<Database>; metrics: Metrics } {
  const metrics = createMetrics(service);
  metrics.trackPool(service, pool);
  const namespace = databaseNameOf(pool) ?? service;
  // Kysely reports each statement once it is done, still in the async context of the request that ran it: its
  // span is made there, after the fact, with Kysely's timing (pg's own instrumentation would have to patch `pg`
  // before anything requires it, which a CommonJS build without a preloaded hook cannot promise).
  const db = createDatabase<Database>(pool, {
    onQuery: (event) => {
      metrics.observeDbQuery(event);
      if (tracing) recordSqlStatement(event, namespace);
      onQuery?.(event);
    },
  });
  return { db, metrics };
}

/** The database a pool connects to, as its connection string names it. */
function databaseNameOf(pool: pg.Pool): string | undefined {
  if (pool.options.database) return pool.options.database;
  try {
    const name = decodeURIComponent(new URL(pool.options.connectionString ?? '').pathname.slice(1));
    return name || undefined;
  } catch {
    return undefined;
  }
}

/** The serving pool's size and the longest any of its statements may run (0: no limit). */
export interface ServicePoolSettings {
  maxConnections: number;
  statementTimeoutMs: number;
}

/**
 * What every subgraph's main.ts does first: its own database brought to the latest migration (on a
 * connection of its own, without the statement timeout: building an index may take longer than any request
 * should), then the serving pool. Returns that pool (the server's) and a plain Kysely handle over it for
 * start-up work (seeding, jobs).
 */
export async function openMigratedDatabase<Database>(
  service: string,
  connectionString: string,
  migrations: Migrations,
  logger: Logger,
  settings: ServicePoolSettings,
): Promise<{ pool: pg.Pool; db: Kysely<Database> }> {
  const migrating = createDatabase(createPool({ connectionString, maxConnections: 1, applicationName: service }));
  try {
    const applied = await migrateToLatest(migrating, migrations);
    if (applied.length) logger.info({ migrations: applied }, 'applied migrations');
  } finally {
    await migrating.destroy();
  }
  const pool = createPool({ connectionString, applicationName: service, ...settings });
  return { pool, db: createDatabase<Database>(pool) };
}
