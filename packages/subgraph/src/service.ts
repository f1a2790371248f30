// One shape for every subgraph service. A service describes itself once — name, schema file, migrations,
// its own settings, resolvers, per-request context, jobs — with defineService; what comes out is the same
// descriptor for all four: { name, schemaFile, migrations, loadSettings, createServer }. Its main.ts is
// `runService(service)`; the schema checks, the gateway's tests and each service's tests build servers from
// the same descriptor with the same ServiceOptions.
import type { BaseContext } from '@apollo/server';
import type { Express } from 'express';
import { Kind } from 'graphql';
import type { Redis } from 'ioredis';
import type { Kysely, LogEvent, Transaction } from 'kysely';
import type pg from 'pg';
import {
  calleesOf,
  createClaimsTrust,
  eventsFor,
  createSubgraphClient,
  generateSigningKey,
  loadServiceKeys,
  serviceKeys,
  type ClaimsVerifier,
  type ServiceKeys,
  type SubgraphClient,
} from '@supergraph/auth';
import { isDatabaseReachable, type Migrations } from '@supergraph/db';
import {
  createEventReceiver,
  createEventRelay,
  subscribersOf,
  type DomainEvent,
  type EventHandlers,
  type RelaySettings,
} from '@supergraph/events';
import { createScheduler, type ScheduledJob } from '@supergraph/jobs';
import { startTracing, withClientSpan } from '@supergraph/observability';
import { createPubSub, postgresTransport, redisTransport, type PubSub } from '@supergraph/pubsub';
import { connectRedis, createLogger, runMain, stopOnSignals, type Logger } from '@supergraph/runtime';
import { loadSchemaFile } from './schema-file';
import { createSubgraphServer, type RequestInfo, type SubgraphServer } from './server';
import { loadSubgraphConfig, type Env, type PeerService } from './service-config';
import { createServiceDatabase, openMigratedDatabase } from './service-database';
import type { SubscriptionLimits } from './subscriptions';

/** What building any service's server takes: from main.ts (runService), a test, or the schema checks. */
export interface ServiceOptions<Settings> {
  pool: pg.Pool;
  /** Whom it believes: the gateway, and its declared callers (see createClaimsTrust). */
  claims: ClaimsVerifier;
  /** Its own claims-signing keys: it signs its calls to other services with them and publishes them. */
  keys: ServiceKeys;
  /** Where each service it calls is (SERVICE_OPERATIONS says which). */
  peers: Readonly<Record<string, PeerService>>;
  /** The service's own settings (its descriptor's loadSettings reads them from the environment). */
  settings: Settings;
  logger: Logger;
  production: boolean;
  /** Operations slower than this are logged with their name and duration (default 1000 ms). */
  slowOperationMs?: number;
  /** The clock (tests move it by hand). */
  now?: () => Date;
  /** Called after every SQL statement (tests count them). */
  onQuery?: (event: LogEvent) => void;
  /** How a producer delivers its events (@supergraph/events); false: no relay at all (the schema check). */
  events?: RelaySettings | false;
  /** Shared Redis: live updates travel through its pub/sub instead of Postgres LISTEN/NOTIFY. */
  redis?: Redis;
  /** Caps of the WebSocket subscription endpoint. */
  subscriptions?: SubscriptionLimits;
  /** Largest request body the gateway may send (default 5 MB; other callers keep 100 KB). */
  maxGatewayBodyBytes?: number;
  /**
   * Spans for each request, each SQL statement and each call to another service (the process started tracing:
   * runService does when OTEL_EXPORTER_OTLP_ENDPOINT is set). Off by default.
   */
  tracing?: boolean;
}

/** Writes domain events inside `trx`, the transaction making the change; they are delivered after it commits. */
export type Publish<Database> = (trx: Transaction<Database>, events: DomainEvent[]) => Promise<void>;

/** What a service's context factory is built from, once per server. */
export interface ServiceSetup<Settings, Database> {
  db: Kysely<Database>;
  /** The pool under `db`, for libraries that take one (e.g. a Postgres-backed rate limiter). */
  pool: pg.Pool;
  settings: Settings;
  now: () => Date;
  logger: Logger;
  /** A client for a service this one calls, signing with this service's keys. */
  clientFor(peer: string): SubgraphClient;
  publish: Publish<Database>;
  /**
   * Live updates for the service's subscriptions: a change publishes with `pubsub.transaction(db, (trx, publish)
   * => …)`, and its subscribers on every replica hear it once the change commits; a Subscription field's
   * `subscribe` returns `pubsub.subscribe(topic)`.
   */
  pubsub: PubSub;
}

/** How a service describes itself to defineService. */
export interface ServiceDefinition<Settings, Database, Context extends BaseContext> {
  name: string;
  schemaFile: string;
  migrations: Migrations;
  /** Its own variables from the environment (the base ones are everyone's: service-config.ts). */
  loadSettings(env: Env): Settings;
  /** Typed by the service's generated `Resolvers`. */
  resolvers: object;
  /** Builds what requests share once, and returns the per-request context factory. */
  context(setup: ServiceSetup<Settings, Database>): (request: RequestInfo) => Context;
  /** What it does with each event it subscribes to (SERVICE_EVENTS), inside the inbox's transaction. */
  events?(setup: ServiceSetup<Settings, Database>): EventHandlers<Database>;
  /** Extra HTTP routes (e.g. the users service's token JWKS, the animal service's photo uploads). */
  routes?(app: Express, setup: ServiceSetup<Settings, Database>): void;
  /**
   * Work the server does beside its requests (e.g. the animal service's photo sweeper): started when it first
   * listens, stopped when it stops, before its database closes.
   */
  worker?(setup: ServiceSetup<Settings, Database>): ServiceWorker;
  /** Scheduled jobs, run by the process (each occurrence once across replicas). */
  jobs?(db: Kysely<Database>, logger: Logger, settings: Settings): ScheduledJob[];
  /** Start-up work after migrations and before serving (e.g. demo data in development). */
  prepare?(db: Kysely<Database>, logger: Logger, settings: Settings): Promise<void>;
}

/** Background work of one server (ServiceDefinition.worker). */
export interface ServiceWorker {
  start(): void;
  /** Stops and waits for work under way; also called for a server that never started. */
  stop(): Promise<void>;
}

/** A subgraph service, as the checks, the tests and the process entry see every one of them. */
export interface SubgraphService<Settings = unknown> {
  readonly name: string;
  readonly schemaFile: string;
  readonly migrations: Migrations;
  loadSettings(env: Env): Settings;
  createServer(options: ServiceOptions<Settings>): SubgraphServer;
  /** Runs prepare and starts the jobs; resolves with how to stop them. */
  startBackground(context: {
    db: Kysely<unknown>;
    databaseUrl: string;
    logger: Logger;
    settings: Settings;
    jobsEnabled: boolean;
  }): Promise<() => Promise<void>>;
}

export function defineService<Settings, Database, Context extends BaseContext>(
  definition: ServiceDefinition<Settings, Database, Context>,
): SubgraphService<Settings> {
  const { name } = definition;
  const callsOthers = calleesOf(name).length > 0;
  return {
    name,
    schemaFile: definition.schemaFile,
    migrations: definition.migrations,
    loadSettings: (env) => definition.loadSettings(env),
    createServer(options) {
      const { db, metrics } = createServiceDatabase<Database>(name, options.pool, options.onQuery, options.tracing);
      const relay =
        subscribersOf(name).length && options.events !== false
          ? createEventRelay({
              producer: name,
              pool: options.pool,
              keys: options.keys,
              subscribers: options.peers,
              logger: options.logger,
              registry: metrics.registry,
              ...options.events,
            })
          : undefined;
      const typeDefs = loadSchemaFile(definition.schemaFile);
      // One channel per service; each replica hears it on its own connection (or Redis subscription) — if it
      // has subscriptions to feed: publishing needs no listener.
      const servesSubscriptions = typeDefs.definitions.some(
        (node) =>
          (node.kind === Kind.OBJECT_TYPE_DEFINITION || node.kind === Kind.OBJECT_TYPE_EXTENSION) &&
          node.name.value === 'Subscription',
      );
      const channel = `live_${name.replaceAll('-', '_')}`;
      const pubsub = createPubSub({
        logger: options.logger,
        transport: options.redis
          ? redisTransport({ redis: options.redis, channel, logger: options.logger })
          : postgresTransport({ connection: options.pool.options, channel, logger: options.logger }),
      });
      const setup: ServiceSetup<Settings, Database> = {
        db,
        pool: options.pool,
        pubsub,
        settings: options.settings,
        now: options.now ?? (() => new Date()),
        logger: options.logger,
        clientFor(peer) {
          const where = options.peers[peer];
          if (!where) throw new Error(`${name} calls the ${peer} service: pass peers.${peer} ({ url, timeoutMs })`);
          return createSubgraphClient({
            keys: options.keys,
            audience: peer,
            ...where,
            ...(options.tracing && { traceCall: withClientSpan }),
          });
        },
        async publish(trx, events) {
          if (!relay)
            throw new Error(`${name} publishes no events (none declared in SERVICE_EVENTS, or events: false)`);
          await relay.publish(trx, events);
        },
      };
      const handlers = definition.events?.(setup) ?? {};
      const worker = definition.worker?.(setup);
      const missing = eventsFor(name).filter(({ type }) => !handlers[type]);
      if (missing.length)
        throw new Error(`${name} subscribes to ${missing.map(({ type }) => type).join(', ')} but handles none of them`);
      const receiver = eventsFor(name).length
        ? createEventReceiver({
            subscriber: name,
            db,
            claims: options.claims,
            handlers,
            // An event's effects announce themselves to live subscriptions with its commit.
            transaction: (db, work) => pubsub.transaction(db, work),
            logger: options.logger,
            registry: metrics.registry,
          })
        : undefined;
      return createSubgraphServer<Context>({
        name,
        typeDefs,
        resolvers: definition.resolvers,
        claims: options.claims,
        // A service that calls others publishes the keys it signs with, next to its endpoint.
        ...(callsOthers && { publishedKeys: options.keys.published }),
        logger: options.logger,
        production: options.production,
        ...(options.slowOperationMs !== undefined && { slowOperationMs: options.slowOperationMs }),
        metrics,
        ...(options.subscriptions && { subscriptions: options.subscriptions }),
        ...(options.maxGatewayBodyBytes !== undefined && { maxGatewayBodyBytes: options.maxGatewayBodyBytes }),
        ...(options.tracing && { tracing: true }),
        createContext: definition.context(setup),
        isReady: () => isDatabaseReachable(db),
        routes(app: Express) {
          definition.routes?.(app, setup);
          if (receiver) app.use(receiver);
        },
        onStart: async () => {
          await Promise.all([relay?.start(), servesSubscriptions && pubsub.start()]);
          worker?.start();
        },
        async onStop() {
          await worker?.stop();
          // The sockets are closed by now; the subscriptions still open on them end here, before the pool goes.
          await pubsub.close();
          await relay?.stop();
          await db.destroy();
        },
      });
    },
    async startBackground({ db, databaseUrl, logger, settings, jobsEnabled }) {
      const typed = db as Kysely<Database>;
      await definition.prepare?.(typed, logger, settings);
      const jobs = jobsEnabled ? (definition.jobs?.(typed, logger, settings) ?? []) : [];
      if (!jobs.length) return async () => {};
      const scheduler = createScheduler({ connectionString: databaseUrl, jobs, logger, name });
      await scheduler.start();
      return () => scheduler.stop();
    },
  };
}

/**
 * A subgraph process, start to stop: configuration (base + the service's own), logger, traces when an OTLP
 * endpoint is set, database brought to the latest migration, start-up work and jobs, Redis when configured
 * (replay memory, live updates), keys, trust, listen, and a graceful stop on SIGTERM/SIGINT (jobs first: a
 * running job may still need the pool the server closes; the last spans go out at the very end).
 */
export function runService<Settings>(service: SubgraphService<Settings>): void {
  runMain(async () => {
    const { config, settings } = loadSubgraphConfig(service.name, process.env, service.loadSettings);
    const logger = createLogger(service.name, config.logLevel);
    const tracing =
      config.tracing &&
      startTracing({
        ...config.tracing,
        onExportError: (error) => logger.warn({ err: error }, 'could not export traces'),
      });
    const { pool, db } = await openMigratedDatabase(service.name, config.databaseUrl, service.migrations, logger, {
      maxConnections: config.databasePoolMax,
      statementTimeoutMs: config.databaseStatementTimeoutMs,
    });
    const stopBackground = await service.startBackground({
      db,
      databaseUrl: config.databaseUrl,
      logger,
      settings,
      jobsEnabled: config.jobsEnabled,
    });
    const redis = config.redisUrl ? await connectRedis(config.redisUrl, logger) : undefined;
    const server = service.createServer({
      pool,
      // Only a service that calls others signs anything; the others get a key that never leaves the process.
      keys: Object.keys(config.peers).length
        ? loadServiceKeys(config.keys)
        : serviceKeys(service.name, generateSigningKey()),
      claims: createClaimsTrust({
        name: service.name,
        gateway: config.gatewayJwksUrl,
        callers: config.callerKeys,
        ...(redis && { redis }),
      }),
      peers: config.peers,
      settings,
      logger,
      production: config.production,
      slowOperationMs: config.slowOperationMs,
      maxGatewayBodyBytes: config.maxGatewayBodyBytes,
      ...(redis && { redis }),
      tracing: Boolean(tracing),
    });
    await server.listen(config.port, config.host, config.metricsPort);
    stopOnSignals(async () => {
      await stopBackground();
      await server.stop();
      redis?.disconnect();
      await tracing?.shutdown();
    }, logger);
  });
}
