// Builds the animal subgraph from schema.graphql and its resolvers. No I/O happens at import time; main.ts
// (or a test) supplies the database pool and the zoo service's address.
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
import type { AnimalContext } from './context';
import type { Database } from './db/schema';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';
import { createZooDirectory } from './zoo-directory';

export const SCHEMA_FILE = path.join(__dirname, '..', 'schema.graphql');

export interface AnimalServerOptions {
  pool: pg.Pool;
  /** Whom it believes: the gateway, and the zoo service for its declared operations. */
  claims: ClaimsVerifier;
  /** Its own keys: it signs its calls to the zoo service and publishes them at /.well-known/jwks.json. */
  keys: ServiceKeys;
  zooService: { url: string; timeoutMs: number };
  logger: Logger;
  production: boolean;
  /** Operations slower than this are logged with their name and duration (default 1000 ms). */
  slowOperationMs?: number;
  onQuery?: (event: LogEvent) => void;
}

export function createAnimalServer(options: AnimalServerOptions): SubgraphServer {
  const { db, metrics } = createServiceDatabase<Database>('animal', options.pool, options.onQuery);
  const zoos = createZooDirectory(
    createSubgraphClient({
      keys: options.keys,
      audience: 'zoo',
      url: options.zooService.url,
      timeoutMs: options.zooService.timeoutMs,
    }),
  );
  return createSubgraphServer<AnimalContext>({
    name: 'animal',
    typeDefs: loadSchemaFile(SCHEMA_FILE),
    resolvers,
    claims: options.claims,
    publishedKeys: options.keys.published,
    logger: options.logger,
    production: options.production,
    ...(options.slowOperationMs !== undefined && { slowOperationMs: options.slowOperationMs }),
    metrics,
    createContext: (request) => ({ ...request, db, loaders: createLoaders(db), zoos }),
    isReady: () => isDatabaseReachable(db),
    onStop: () => db.destroy(),
  });
}
