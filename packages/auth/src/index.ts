export { ROLES, isRole, type Role, type Viewer } from './viewer';
export {
  signingKeyFromPem,
  loadOrCreateDevSigningKey,
  generateSigningKey,
  publicJwks,
  type SigningKey,
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
  DEVELOPMENT_CLAIMS_SECRET,
  FORWARDED_CLAIMS_TTL_SECONDS,
  requestDigest,
  signForwardedClaims,
  verifyForwardedClaims,
  type ForwardedClaims,
  type ForwardedClaimsKey,
  type SignForwardedClaims,
  type VerifyForwardedClaims,
} from './forwarded-claims';
export { requireViewer, requireOwnerOrAdmin, requireAdmin } from './guards';
