// Whom a subgraph believes, built once in main.ts (or a test): the gateway for any operation, each calling
// service for the operations declared for it (service-operations.ts), each through its own public keys; and
// the keys this service signs its own calls with.
import { createClaimsVerifier, type ClaimsVerifier, type TrustedIssuer } from './forwarded-claims';
import { createRemoteKeySet, type KeySet } from './remote-key-set';
import { memoryReplayGuard, redisReplayGuard, type RedisSetNx } from './replay-guard';
import { operationsAccepted } from './service-operations';

export interface ClaimsTrustOptions {
  /** This subgraph's name: the audience its claims must carry. */
  name: string;
  /** The gateway's public keys: its JWKS URL, or keys in hand. */
  gateway: string | KeySet;
  /** Each service that calls this one, by name: its JWKS URL or keys in hand. */
  callers?: Record<string, string | KeySet>;
  /** Shared replay memory across replicas; one process's memory when absent. */
  redis?: RedisSetNx;
}

export function createClaimsTrust(options: ClaimsTrustOptions): ClaimsVerifier {
  const keySet = (source: string | KeySet) => (typeof source === 'string' ? createRemoteKeySet(source) : source);
  const issuers: Record<string, TrustedIssuer> = { gateway: { keys: keySet(options.gateway) } };
  for (const [caller, source] of Object.entries(options.callers ?? {})) {
    issuers[caller] = { keys: keySet(source), operations: operationsAccepted(options.name, caller) };
  }
  return createClaimsVerifier({
    audience: options.name,
    issuers,
    replay: options.redis ? redisReplayGuard(options.redis) : memoryReplayGuard(),
  });
}

/**
 * Where a service publishes the public keys it signs its calls and event deliveries with. Not
 * /.well-known/jwks.json: on the users service that path publishes the access-token keys, which must never
 * verify a claims header (nor a claims key an access token).
 */
export const SERVICE_KEYS_PATH = '/.well-known/claims-jwks.json';

/** Where a service publishes its claims keys, next to its GraphQL endpoint. */
export function jwksUrlOf(graphqlUrl: string): string {
  return new URL(SERVICE_KEYS_PATH, graphqlUrl).toString();
}
