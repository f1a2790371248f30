export { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions, type RequestInfo } from './server';
export { createLogger, type Logger } from './logger';
export { loadSchemaFile } from './schema-file';
export { listenHttp, runMain, stopOnSignals } from './process';
export * as scalars from './scalars';
export { createSubgraphClient, type SubgraphClient, type SubgraphClientOptions } from './subgraph-client';
export { SERVICE_OPERATIONS, callersOf, operationsAccepted, type ServiceOperation } from './service-operations';
export { createClaimsTrust, jwksUrlOf, loadServiceKeys, type ClaimsTrustOptions, type ServiceKeySettings } from './claims-trust';
export { connectRedis } from './redis';
// Services build their metrics here to feed them database events; the server serves them on /metrics.
export { createMetrics, type Metrics } from '@supergraph/observability';
export { createServiceDatabase, openMigratedDatabase } from './service-database';
