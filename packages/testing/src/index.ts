export { startPostgres, startPostgresServer, freePort, type TestDatabase, type PostgresServer } from './postgres';
