export { ROLES, isRole, subjectDigest, type Role, type Viewer } from './viewer';
export {
  signingKeyFromPem,
  verificationKeyFromPem,
  loadOrCreateDevSigningKey,
  generateSigningKey,
  publicJwks,
  type SigningKey,
  type VerificationKey,
  type SigningAlgorithm,
  type PublicJwk,
} from './signing-keys';
export {
  ACCESS_TOKEN_TTL_SECONDS,
  issueAccessToken,
  createAccessTokenVerifier,
  type AccessTokenClaims,
  type AccessTokenVerifier,
  type AccessTokenVerifierOptions,
  type TokenAudience,
} from './access-tokens';
export {
  CLAIMS_HEADER,
  CLAIMS_TOKEN_TYPE,
  FORWARDED_CLAIMS_TTL_SECONDS,
  checkOperationBinding,
  createClaimsVerifier,
  operationHash,
  requestDigest,
  loadServiceKeys,
  serviceKeys,
  signForwardedClaims,
  type ClaimsVerifier,
  type ClaimsVerifierOptions,
  type ServiceKeys,
  type ServiceKeySettings,
  type SignForwardedClaims,
  type TrustedIssuer,
  type VerifiedClaims,
} from './forwarded-claims';
export { memoryReplayGuard, redisReplayGuard, type RedisSetNx, type ReplayGuard } from './replay-guard';
export {
  createLocalKeySet,
  createRemoteKeySet,
  KeySetUnavailable,
  UnknownSigningKey,
  type KeySet,
  type RemoteKeySetOptions,
} from './remote-key-set';
export { requireViewer, requireOwnerOrAdmin, requireAdmin } from './guards';
export {
  SERVICE_EVENTS,
  SERVICE_OPERATIONS,
  callersOf,
  calleesOf,
  eventDocument,
  eventsFor,
  operationsAccepted,
  type EventType,
  type ServiceOperation,
} from './service-operations';
export { createClaimsTrust, jwksUrlOf, SERVICE_KEYS_PATH, type ClaimsTrustOptions } from './claims-trust';
export { createSubgraphClient, type SubgraphClient, type SubgraphClientOptions } from './subgraph-client';
