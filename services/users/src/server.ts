// Builds the users subgraph from schema.graphql and its resolvers, plus the JWKS route. No I/O happens at
// import time; main.ts (or a test) supplies the database and keys.
import path from 'node:path';
import type { LogEvent } from 'kysely';
import type pg from 'pg';
import { publicJwks, type ClaimsVerifier } from '@supergraph/auth';
import { isDatabaseReachable } from '@supergraph/db';
import {
  createServiceDatabase,
  createSubgraphServer,
  loadSchemaFile,
  type Logger,
  type SubgraphServer,
} from '@supergraph/subgraph';
import type { UsersContext } from './context';
import type { Database } from './db/schema';
import { createLoaders } from './loaders';
import { createLoginThrottle } from './login-throttle';
import { resolvers } from './resolvers';
import type { SessionSettings } from './sessions';

export const SCHEMA_FILE = path.join(__dirname, '..', 'schema.graphql');

export interface UsersServerOptions {
  pool: pg.Pool;
  sessions: SessionSettings;
  /** Whom it believes: the gateway (see createClaimsTrust). */
  claims: ClaimsVerifier;
  loginThrottle: { maxFailures: number; lockoutSeconds: number };
  logger: Logger;
  production: boolean;
  /** Operations slower than this are logged with their name and duration (default 1000 ms). */
  slowOperationMs?: number;
  /** Called after every SQL statement (tests count them). */
  onQuery?: (event: LogEvent) => void;
}

export function createUsersServer(options: UsersServerOptions): SubgraphServer {
  const { db, metrics } = createServiceDatabase<Database>('users', options.pool, options.onQuery);
  const loginThrottle = createLoginThrottle(options.pool, options.loginThrottle);
  const jwks = publicJwks([options.sessions.signingKey]);
  return createSubgraphServer<UsersContext>({
    name: 'users',
    typeDefs: loadSchemaFile(SCHEMA_FILE),
    resolvers,
    claims: options.claims,
    logger: options.logger,
    production: options.production,
    ...(options.slowOperationMs !== undefined && { slowOperationMs: options.slowOperationMs }),
    metrics,
    createContext: (request) => ({
      ...request,
      db,
      sessions: options.sessions,
      loginThrottle,
      loaders: createLoaders(db),
    }),
    isReady: () => isDatabaseReachable(db),
    routes(app) {
      app.get('/.well-known/jwks.json', (_req, res) => {
        res.set('cache-control', 'public, max-age=300').json(jwks);
      });
    },
    onStop: () => db.destroy(),
  });
}
