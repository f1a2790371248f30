export { createGatewayServer, type GatewayOptions, type GatewayServer } from './server';
export {
  ASSUMED_LIST_SIZES,
  DEFAULT_LIMITS,
  UNDECLARED_LIST_SIZE,
  unboundedListKey,
  type OperationLimits,
} from './features/operation-limits';
export {
  createRequestRateLimiter,
  DEFAULT_RATE_LIMIT,
  type RateLimitSettings,
  type RequestRateLimiter,
} from './features/rate-limit';
export {
  readManifest,
  sha256,
  type PersistedQueriesMode,
  type PersistedQueryManifest,
} from './features/persisted-queries';
export type { GatewayContext } from './context';
export { clientAddressDeriver, parseTrustProxy, type ClientAddress, type TrustProxy } from './client-address';
