// Access tokens: short-lived asymmetric JWTs issued by the users service and verified by the gateway.
import { randomUUID } from 'node:crypto';
import { jwtVerify, type JWTPayload } from 'jose';
import jwt from 'jsonwebtoken';
import { LRUCache } from 'lru-cache';
import { ServiceUnavailable, Unauthenticated } from '@supergraph/errors';
import { KeySetUnavailable, createRemoteKeySet, type KeySet, type RemoteKeySetOptions } from './remote-key-set';
import type { SigningKey } from './signing-keys';
import { isRole, type Viewer } from './viewer';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export interface TokenAudience {
  issuer: string;
  audience: string;
}

export interface AccessTokenClaims extends Viewer {
  jti: string;
  /** Expiry and issue time, seconds since the epoch. */
  exp: number;
  iat: number;
}

export function issueAccessToken(
  key: SigningKey,
  viewer: Viewer,
  { issuer, audience, ttlSeconds = ACCESS_TOKEN_TTL_SECONDS }: TokenAudience & { ttlSeconds?: number },
): string {
  return jwt.sign({ role: viewer.role }, key.privateKey, {
    algorithm: key.algorithm,
    keyid: key.kid,
    subject: viewer.id,
    issuer,
    audience,
    expiresIn: ttlSeconds,
    jwtid: randomUUID(),
  });
}

export interface AccessTokenVerifierOptions extends TokenAudience {
  /** The users service's JWKS: a URL (fetched as remote-key-set.ts describes) or a key set of the caller's. */
  jwksUri: string | KeySet;
  keySetOptions?: RemoteKeySetOptions;
  /** Tokens whose exp - iat exceeds this are refused, whoever signed them. */
  maxLifetimeSeconds?: number;
  clockToleranceSeconds?: number;
  /** How many verified tokens to remember until they expire. */
  cacheSize?: number;
}

export interface AccessTokenVerifier {
  verify(accessToken: string): Promise<AccessTokenClaims>;
}

const ALGORITHMS = ['ES256', 'RS256'];

export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const maxLifetime = options.maxLifetimeSeconds ?? ACCESS_TOKEN_TTL_SECONDS;
  const clockTolerance = options.clockToleranceSeconds ?? 5;
  const keySet =
    typeof options.jwksUri === 'string' ? createRemoteKeySet(options.jwksUri, options.keySetOptions) : options.jwksUri;
  const verified = new LRUCache<string, AccessTokenClaims>({ max: options.cacheSize ?? 10_000 });

  return {
    async verify(accessToken) {
      const nowSeconds = Math.floor(Date.now() / 1000);
      const cached = verified.get(accessToken);
      if (cached) {
        if (cached.exp + clockTolerance > nowSeconds) return cached;
        verified.delete(accessToken);
        throw new Unauthenticated('Access token expired', 401);
      }
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(accessToken, (header) => keySet.getKey(header), {
          algorithms: ALGORITHMS,
          issuer: options.issuer,
          audience: options.audience,
          clockTolerance,
          maxTokenAge: maxLifetime + clockTolerance,
          requiredClaims: ['sub', 'exp', 'iat', 'jti'],
        }));
      } catch (error) {
        if (error instanceof KeySetUnavailable) {
          // The key set could not be fetched: not the caller's fault, so not UNAUTHENTICATED.
          throw new ServiceUnavailable('Access tokens cannot be verified right now', 503);
        }
        const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
        throw new Unauthenticated(expired ? 'Access token expired' : 'Invalid access token', 401);
      }
      const { sub, role, exp, iat, jti } = payload as JWTPayload & { role?: unknown };
      if (
        typeof sub !== 'string' ||
        !isRole(role) ||
        typeof exp !== 'number' ||
        typeof iat !== 'number' ||
        typeof jti !== 'string' ||
        exp - iat > maxLifetime
      ) {
        throw new Unauthenticated('Invalid access token', 401);
      }
      const claims: AccessTokenClaims = { id: sub, role, exp, jti, iat };
      verified.set(accessToken, claims, { ttl: Math.max(1, exp - nowSeconds) * 1000 });
      return claims;
    },
  };
}
