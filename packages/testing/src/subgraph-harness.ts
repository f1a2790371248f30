// Boots one subgraph on a fresh real database and talks to it as the gateway (or another service) would:
// JSON over HTTP with a claims header signed with that caller's test key (see test-keys.ts).
import type { LogEvent } from 'kysely';
import type pg from 'pg';
import {
  CLAIMS_HEADER,
  SERVICE_EVENTS,
  eventDocument,
  requestDigest,
  signForwardedClaims,
  type ClaimsVerifier,
  type ServiceKeys,
  type Viewer,
} from '@supergraph/auth';
import { createDatabase, createPool, migrateToLatest, type Migrations } from '@supergraph/db';
import type { Logger } from '@supergraph/runtime';
import { startPostgres } from './postgres';
import { testKeys, testServiceOptions } from './test-keys';

export interface GraphQLResponse<Data = Record<string, any>> {
  status: number;
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface CallOptions {
  /** The viewer the claims carry (default: anonymous). */
  viewer?: Viewer | null;
  /** Who signs the claims (default `gateway`). */
  issuer?: string;
  /** The client address the claims carry (default TEST_CLIENT_ADDRESS; null: none, as a service's own call). */
  clientAddress?: string | null;
  /** Sends no claims header at all, as someone calling the subgraph directly would. */
  unsigned?: boolean;
  headers?: Record<string, string>;
}

/** The client address a harness call carries unless told otherwise (TEST-NET-1, RFC 5737). */
export const TEST_CLIENT_ADDRESS = '192.0.2.1';

export interface StartableServer {
  listen(port: number, host?: string): Promise<{ url: string; port: number; metricsUrl: string }>;
  stop(): Promise<void>;
}

export interface SubgraphHarness {
  url: string;
  /** The subgraph's own database, for code under test that needs a connection of its own. */
  databaseUrl: string;
  baseUrl: string;
  /** The operations port's GET /metrics (metrics are never on the public port). */
  metricsUrl: string;
  graphql<Data = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<GraphQLResponse<Data>>;
  /** Runs SQL on the subgraph's database, for arranging and asserting what was written. */
  sql<Row = Record<string, any>>(text: string, values?: unknown[]): Promise<Row[]>;
  /**
   * Delivers a domain event to the service's POST /events as its producer would: signed by `issuer` (default:
   * the event's declared producer) for this audience, bound to the body.
   */
  deliverEvent(
    event: { id: string; type: string; aggregateId: string; occurredAt: string; version: number },
    options?: { issuer?: string; unsigned?: boolean },
  ): Promise<{ status: number; body: any }>;
  /** SQL statements the service has run since the last reset (seen through Kysely's log hook), and their text. */
  statements: { count: number; sql: string[]; reset(): void };
  close(): Promise<void>;
}

/** The harness's pool on the subgraph's database (default: 5 connections, no statement timeout). */
export interface HarnessPoolOptions {
  maxConnections?: number;
  statementTimeoutMs?: number;
}

export interface HarnessOptions {
  /** The subgraph's name: the audience of its claims. */
  name: string;
  migrations: Migrations;
  pool?: HarnessPoolOptions;
  /** The port it listens on (default: a free one), for a service that must know its own URL before it starts. */
  port?: number;
  create(deps: { pool: pg.Pool; onQuery: (event: LogEvent) => void }): StartableServer;
}

/** A service descriptor (@supergraph/subgraph defineService), as far as the harness needs one. */
export interface TestableService<Settings> {
  name: string;
  migrations: Migrations;
  createServer(options: {
    pool: pg.Pool;
    onQuery: (event: LogEvent) => void;
    claims: ClaimsVerifier;
    keys: ServiceKeys;
    peers: Record<string, { url: string; timeoutMs: number }>;
    settings: Settings;
    logger: Logger;
    production: boolean;
    now?: () => Date;
    events?: { deliver?: boolean; retryDelayMaxSeconds?: number; pollingIntervalSeconds?: number };
  }): StartableServer;
}

export interface ServiceHarnessOptions<Settings> {
  settings: Settings;
  /** The services it calls (stubs, usually), by name. */
  peers?: Record<string, { url: string; timeoutMs: number }>;
  now?: () => Date;
  /** Default: silent. */
  logger?: Logger;
  /** How a producer's relay delivers (default in tests: retries at most 1 s apart). */
  events?: { deliver?: boolean; retryDelayMaxSeconds?: number; pollingIntervalSeconds?: number };
  pool?: HarnessPoolOptions;
  /** The port it listens on (default: a free one). */
  port?: number;
}

/**
 * A service built from its descriptor on a fresh database, as a test sees it: trusting the test gateway and
 * its declared callers' test keys, signing with its own test keys (see test-keys.ts), in development mode.
 */
export function startServiceHarness<Settings>(
  service: TestableService<Settings>,
  options: ServiceHarnessOptions<Settings>,
): Promise<SubgraphHarness> {
  return startSubgraphHarness({
    name: service.name,
    migrations: service.migrations,
    ...(options.pool && { pool: options.pool }),
    ...(options.port !== undefined && { port: options.port }),
    create: ({ pool, onQuery }) =>
      service.createServer({
        ...testServiceOptions(service.name),
        pool,
        onQuery,
        settings: options.settings,
        peers: options.peers ?? {},
        ...(options.now && { now: options.now }),
        ...(options.logger && { logger: options.logger }),
        events: { retryDelayMaxSeconds: 1, ...options.events },
      }),
  });
}

export async function startSubgraphHarness(options: HarnessOptions): Promise<SubgraphHarness> {
  const database = await startPostgres(options.name);
  const pool = createPool({ connectionString: database.url, maxConnections: 5, ...options.pool });
  await migrateToLatest(createDatabase(pool), options.migrations);
  const statements = {
    count: 0,
    sql: [] as string[],
    reset() {
      statements.count = 0;
      statements.sql = [];
    },
  };
  const server = options.create({
    pool,
    onQuery: (event) => {
      statements.count++;
      statements.sql.push(event.query.sql);
    },
  });
  const { url, metricsUrl } = await server.listen(options.port ?? 0);
  return {
    url,
    metricsUrl,
    databaseUrl: database.url,
    baseUrl: url.replace(/\/graphql$/, ''),
    statements,
    async graphql(query, variables, call = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...call.headers };
      if (!call.unsigned && !(CLAIMS_HEADER in headers)) {
        headers[CLAIMS_HEADER] = signForwardedClaims(testKeys(call.issuer ?? 'gateway'), {
          audience: options.name,
          viewer: call.viewer ?? null,
          clientAddress: call.clientAddress === null ? undefined : (call.clientAddress ?? TEST_CLIENT_ADDRESS),
          digest: requestDigest(query, variables),
        });
      }
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async deliverEvent(event, call = {}) {
      const producer = (SERVICE_EVENTS as Record<string, { producer: string }>)[event.type]?.producer ?? 'unknown';
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (!call.unsigned) {
        headers[CLAIMS_HEADER] = signForwardedClaims(testKeys(call.issuer ?? producer), {
          audience: options.name,
          viewer: null,
          digest: requestDigest(eventDocument(event.type), event),
        });
      }
      const response = await fetch(new URL('/events', url), {
        method: 'POST',
        headers,
        body: JSON.stringify(event),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async sql(text, values) {
      return (await pool.query(text, values)).rows;
    },
    async close() {
      await server.stop();
      await database.drop();
    },
  };
}
