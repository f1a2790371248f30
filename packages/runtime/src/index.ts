// What every process here runs on, gateway and subgraphs alike: logging, process lifecycle, Redis, the HTTP host.
export { createLogger, type Logger } from './logger';
export { listenHttp, runMain, stopOnSignals } from './process';
export { connectRedis } from './redis';
export {
  cachedReadiness,
  createHttpHost,
  DEFAULT_READINESS_CACHE_MS,
  type HttpHost,
  type HttpHostOptions,
  type Readiness,
} from './http-host';
