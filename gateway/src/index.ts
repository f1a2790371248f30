export { createGatewayServer, type GatewayOptions, type GatewayServer } from './server';
export { DEFAULT_LIMITS, type OperationLimits } from './operation-limits';
export {
  createRequestRateLimiter,
  DEFAULT_RATE_LIMIT,
  type RateLimitSettings,
  type RequestRateLimiter,
} from './rate-limit';
export {
  persistedQuerySettings,
  readManifest,
  sha256,
  type PersistedQueriesMode,
  type PersistedQueryManifest,
} from './persisted-queries';
export type { GatewayContext } from './context';
