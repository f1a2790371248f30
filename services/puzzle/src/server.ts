// Builds the puzzle subgraph from schema.graphql and its resolvers. No I/O happens at import time; main.ts
// (or a test) supplies the database pool, the answer secret and the clock.
import path from 'node:path';
import type { LogEvent } from 'kysely';
import type pg from 'pg';
import type { ClaimsVerifier } from '@supergraph/auth';
import { isDatabaseReachable } from '@supergraph/db';
import {
  createServiceDatabase,
  createSubgraphServer,
  loadSchemaFile,
  type Logger,
  type SubgraphServer,
} from '@supergraph/subgraph';
import { createAnswerVault } from './answers';
import type { PuzzleContext, PuzzleSettings } from './context';
import type { Database } from './db/schema';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';

export const SCHEMA_FILE = path.join(__dirname, '..', 'schema.graphql');

export interface PuzzleServerOptions {
  pool: pg.Pool;
  /** Whom it believes: the gateway (see createClaimsTrust). */
  claims: ClaimsVerifier;
  /** Keys the answers' HMAC and encryption. */
  answerSecret: string;
  settings: PuzzleSettings;
  logger: Logger;
  production: boolean;
  /** Operations slower than this are logged with their name and duration (default 1000 ms). */
  slowOperationMs?: number;
  now?: () => Date;
  onQuery?: (event: LogEvent) => void;
}

export function createPuzzleServer(options: PuzzleServerOptions): SubgraphServer {
  const { db, metrics } = createServiceDatabase<Database>('puzzle', options.pool, options.onQuery);
  const answers = createAnswerVault(options.answerSecret);
  const now = options.now ?? (() => new Date());
  return createSubgraphServer<PuzzleContext>({
    name: 'puzzle',
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
      answers,
      settings: options.settings,
      now,
      loaders: createLoaders(db, request.viewer?.id ?? null),
    }),
    isReady: () => isDatabaseReachable(db),
    onStop: () => db.destroy(),
  });
}
