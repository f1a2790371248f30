// A subgraph's database handle with its metrics wired in: every statement is timed, the pool is watched, and
// an optional extra listener (tests count statements) sees every statement too.
import type pg from 'pg';
import type { Kysely, LogEvent } from 'kysely';
import { createDatabase } from '@supergraph/db';
import { createMetrics, type Metrics } from '@supergraph/observability';

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
