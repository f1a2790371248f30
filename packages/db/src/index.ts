export { createPool, createDatabase, isDatabaseReachable, type PoolOptions, type DatabaseOptions } from './kysely';
export { countAppliedMigrations, migrateToLatest, MigrationFailed, type Migrations } from './migrations';
export {
  startEmbeddedPostgres,
  ensureDatabase,
  dropDatabase,
  withDatabase,
  type EmbeddedPostgresOptions,
  type RunningPostgres,
} from './embedded-postgres';
export { EmbeddedPostgresError } from './embedded-postgres-error';
export { isStatementTimeout, isUniqueViolation } from './postgres-errors';
export { isUuid } from './ids';
