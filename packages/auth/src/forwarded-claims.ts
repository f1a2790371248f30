// The gateway's word to a subgraph about who is calling: a short-lived HS256 JWT in an internal header,
// bound to one audience (the subgraph) and one request body, so it cannot be forged, reused for another
// subgraph, or attached to another operation.
import { createHash, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Unauthenticated } from '@supergraph/errors';
import { isRole, type Viewer } from './viewer';

export const CLAIMS_HEADER = 'x-supergraph-claims';
export const FORWARDED_CLAIMS_TTL_SECONDS = 60;
/** Development only, and public: production refuses to start with it (see @supergraph/config resolveSecrets). */
export const DEVELOPMENT_CLAIMS_SECRET = 'development-only-internal-claims-secret-not-for-production';
const MIN_SECRET_LENGTH = 32;

export interface ForwardedClaimsKey {
  secret: string;
}

export interface SignForwardedClaims {
  /** Who signs: `gateway`, or a service calling another. */
  issuer: string;
  /** The subgraph the request goes to. */
  audience: string;
  viewer: Viewer | null;
  /** requestDigest() of the operation sent with the header. */
  digest: string;
  ttlSeconds?: number;
}

function assertSecret({ secret }: ForwardedClaimsKey): void {
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`The internal claims secret must be at least ${MIN_SECRET_LENGTH} characters`);
}

/** What a claims header is bound to: the operation text and its variables, as both sides see them. */
export function requestDigest(query: string | undefined, variables: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([query ?? '', variables ?? null]))
    .digest('base64url');
}

export function signForwardedClaims(key: ForwardedClaimsKey, claims: SignForwardedClaims): string {
  assertSecret(key);
  const payload: Record<string, unknown> = { dig: claims.digest };
  if (claims.viewer) payload.role = claims.viewer.role;
  return jwt.sign(payload, key.secret, {
    algorithm: 'HS256',
    issuer: claims.issuer,
    audience: claims.audience,
    expiresIn: claims.ttlSeconds ?? FORWARDED_CLAIMS_TTL_SECONDS,
    jwtid: randomUUID(),
    ...(claims.viewer && { subject: claims.viewer.id }),
  });
}

export interface VerifyForwardedClaims {
  audience: string;
  /** requestDigest() of the operation that arrived with the header. */
  digest: string;
  trustedIssuers: string[];
}

export interface ForwardedClaims {
  viewer: Viewer | null;
  issuer: string;
}

/**
 * Verifies a claims header. Throws UNAUTHENTICATED for anything forged, expired, meant for another
 * subgraph or bound to another operation.
 */
export function verifyForwardedClaims(key: ForwardedClaimsKey, header: string, expected: VerifyForwardedClaims): ForwardedClaims {
  assertSecret(key);
  let payload: jwt.JwtPayload;
  try {
    payload = jwt.verify(header, key.secret, {
      algorithms: ['HS256'],
      audience: expected.audience,
      issuer: expected.trustedIssuers as [string, ...string[]],
      maxAge: FORWARDED_CLAIMS_TTL_SECONDS * 5,
      clockTolerance: 5,
    }) as jwt.JwtPayload;
  } catch {
    throw new Unauthenticated('Invalid gateway claims', 401);
  }
  if (typeof payload.exp !== 'number' || payload.dig !== expected.digest) {
    throw new Unauthenticated('Invalid gateway claims', 401);
  }
  const issuer = String(payload.iss);
  if (payload.sub === undefined) return { viewer: null, issuer };
  if (typeof payload.sub !== 'string' || !isRole(payload.role)) throw new Unauthenticated('Invalid gateway claims', 401);
  return { viewer: { id: payload.sub, role: payload.role }, issuer };
}
