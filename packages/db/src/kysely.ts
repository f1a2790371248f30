// Builds a pg pool and a Kysely instance over it; column names are snake_case in SQL and camelCase in TypeScript.
import { CamelCasePlugin, Kysely, PostgresDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';

export interface PoolOptions {
  connectionString: string;
  /** Pool size per process. */
  maxConnections?: number;
  applicationName?: string;
  /**
   * Postgres cancels any statement of this pool's connections that runs longer (its `statement_timeout`, set
   * when each connection opens); unset or 0: no limit.
   */
  statementTimeoutMs?: number;
}

/**
 * How this platform's pools read Postgres values, set on the pools' own type parsers (never on pg's global ones,
 * which every other client in the process would inherit); any other type is read as pg reads it.
 */
function poolTypes(): pg.CustomTypesConfig {
  const types = new pg.TypeOverrides();
  // `bigint` (count(*)) arrives as a string by default; counts here stay far below 2^53.
  types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
  // A `date` is a calendar day, not an instant: keep 'YYYY-MM-DD' (what the Date scalar sends) instead of a Date
  // at local midnight.
  types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
  return types;
}

export function createPool(options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName,
    ...(options.statementTimeoutMs && { statement_timeout: options.statementTimeoutMs }),
    // A dead database should fail a request quickly rather than hang it.
    connectionTimeoutMillis: 5_000,
    types: poolTypes(),
  });
  // An idle client losing its connection must not crash the process; the next checkout reconnects.
  pool.on('error', () => undefined);
  return pool;
}

export interface DatabaseOptions {
  /** Called after every statement; used for query metrics and statement-count tests. */
  onQuery?: (event: LogEvent) => void;
}

/** Kysely over `pool`; destroying the Kysely instance ends the pool. */
export function createDatabase<Database>(pool: pg.Pool, options: DatabaseOptions = {}): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
    ...(options.onQuery && { log: options.onQuery }),
  });
}

/** True when the database answers a trivial query; used by `GET /ready`. */
export async function isDatabaseReachable<DB>(db: Kysely<DB>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
