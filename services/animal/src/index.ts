// The animal service's descriptor: what the checks, the gateway's tests and the bench build it from.
export { service } from './service';
