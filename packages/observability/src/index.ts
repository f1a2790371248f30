export {
  createMetrics,
  type Metrics,
  type OperationOutcome,
  type OperationPluginOptions,
  type SubgraphFetchOutcome,
  type DbQueryEvent,
  type PoolStats,
} from './metrics';
export { traceContextFromHeaders, traceparentFor, TRACEPARENT_HEADER, type TraceContext } from './trace-context';
export { requestIdFrom, REQUEST_ID_HEADER } from './request-id';
export type { HeaderSource } from './headers';
export { startTracing, type Tracing, type TracingOptions } from './tracing';
export { operationSpanPlugin, recordSqlStatement, serverSpans, withClientSpan, type SqlStatementEvent } from './spans';
