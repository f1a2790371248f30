// Builds the zoo subgraph from schema.graphql and its resolvers. No I/O happens at import time; main.ts
// (or a test) supplies the database pool and the animal service's address.
import path from 'node:path';
import type { LogEvent } from 'kysely';
import type pg from 'pg';
import type { ClaimsVerifier, ServiceKeys } from '@supergraph/auth';
import { isDatabaseReachable } from '@supergraph/db';
import {
  createSubgraphClient,
  createServiceDatabase,
  createSubgraphServer,
  loadSchemaFile,
  type Logger,
  type SubgraphServer,
} from '@supergraph/subgraph';
import type { ZooContext } from './context';
import type { Database } from './db/schema';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';

export const SCHEMA_FILE = path.join(__dirname, '..', 'schema.graphql');

export interface ZooServerOptions {
  pool: pg.Pool;
  /** Whom it believes: the gateway, and the animal service for its declared operations. */
  claims: ClaimsVerifier;
  /** Its own keys: it signs its calls to the animal service and publishes them at /.well-known/jwks.json. */
  keys: ServiceKeys;
  animalService: { url: string; timeoutMs: number };
  logger: Logger;
  production: boolean;
  /** Operations slower than this are logged with their name and duration (default 1000 ms). */
  slowOperationMs?: number;
  onQuery?: (event: LogEvent) => void;
}

export function createZooServer(options: ZooServerOptions): SubgraphServer {
  const { db, metrics } = createServiceDatabase<Database>('zoo', options.pool, options.onQuery);
  const animalService = createSubgraphClient({
    keys: options.keys,
    audience: 'animal',
    url: options.animalService.url,
    timeoutMs: options.animalService.timeoutMs,
  });
  return createSubgraphServer<ZooContext>({
    name: 'zoo',
    typeDefs: loadSchemaFile(SCHEMA_FILE),
    resolvers,
    claims: options.claims,
    publishedKeys: options.keys.published,
    logger: options.logger,
    production: options.production,
    ...(options.slowOperationMs !== undefined && { slowOperationMs: options.slowOperationMs }),
    metrics,
    createContext: (request) => ({ ...request, db, loaders: createLoaders(db), animalService }),
    isReady: () => isDatabaseReachable(db),
    onStop: () => db.destroy(),
  });
}
