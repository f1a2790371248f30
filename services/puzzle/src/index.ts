// The puzzle service's descriptor: what the checks, the gateway's tests and the bench build it from.
export { service } from './service';
export type { PuzzleServiceSettings } from './config';
export { DEFAULT_COOLDOWN } from './rules';
