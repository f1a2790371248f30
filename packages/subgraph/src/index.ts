export { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions, type RequestInfo } from './server';
export { createErrorFormatter } from './errors';
export { createLogger, type Logger } from './logger';
export { loadSchemaFile } from './schema-file';
export { listenHttp, runMain, stopOnSignals } from './process';
export * as scalars from './scalars';
export { createSubgraphClient, type SubgraphClient, type SubgraphClientOptions } from './subgraph-client';
// Services build their metrics here to feed them database events; the server serves them on /metrics.
export { createMetrics, type Metrics } from '@supergraph/observability';
export { createServiceDatabase, openMigratedDatabase } from './service-database';
