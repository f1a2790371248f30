export { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions, type RequestInfo } from './server';
export { loadSchemaFile } from './schema-file';
export * as scalars from './scalars';
// Service-to-service calls are claims business (@supergraph/auth); a service imports them from here too.
export { calleesOf, createSubgraphClient, type SubgraphClient, type SubgraphClientOptions } from '@supergraph/auth';
// A subgraph's main.ts needs the runtime's process plumbing too: one import for a team's service.
export { connectRedis, createLogger, runMain, stopOnSignals, type Logger } from '@supergraph/runtime';
// Services build their metrics here to feed them database events; the server serves them on /metrics.
export { createMetrics, type Metrics } from '@supergraph/observability';
export { createServiceDatabase, openMigratedDatabase } from './service-database';
export {
  defineService,
  runService,
  type Publish,
  type ServiceDefinition,
  type ServiceOptions,
  type ServiceSetup,
  type ServiceWorker,
  type SubgraphService,
} from './service';
export { loadSubgraphConfig, type PeerService, type SubgraphConfig } from './service-config';
export { newEvent, type DomainEvent } from '@supergraph/events';
