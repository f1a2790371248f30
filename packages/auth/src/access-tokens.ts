// Access tokens: short-lived asymmetric JWTs issued by the users service and verified by the gateway.
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import { LRUCache } from 'lru-cache';
import { GraphQLError } from 'graphql';
import { Unauthenticated } from '@supergraph/errors';
import type { SigningKey } from './signing-keys';
import { isRole, type Viewer } from './viewer';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export interface TokenAudience {
  issuer: string;
  audience: string;
}

export interface AccessTokenClaims extends Viewer {
  jti: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
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
  jwksUri: string;
  /** Tokens whose exp - iat exceeds this are refused, whoever signed them. */
  maxLifetimeSeconds?: number;
  clockToleranceSeconds?: number;
  /** How many verified tokens to remember until they expire. */
  cacheSize?: number;
}

export interface AccessTokenVerifier {
  verify(accessToken: string): Promise<AccessTokenClaims>;
}

const ALGORITHMS: jwt.Algorithm[] = ['ES256', 'RS256'];

export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const maxLifetime = options.maxLifetimeSeconds ?? ACCESS_TOKEN_TTL_SECONDS;
  const clockTolerance = options.clockToleranceSeconds ?? 5;
  // jwks-rsa caches keys and refetches (rate-limited) when a token names a kid it has not seen.
  const jwks = new JwksClient({
    jwksUri: options.jwksUri,
    cache: true,
    cacheMaxAge: 10 * 60_000,
    rateLimit: true,
    jwksRequestsPerMinute: 10,
    timeout: 5_000,
  });
  const verified = new LRUCache<string, AccessTokenClaims>({ max: options.cacheSize ?? 10_000 });

  async function publicKeyFor(kid: string): Promise<string> {
    try {
      return (await jwks.getSigningKey(kid)).getPublicKey();
    } catch (error) {
      if ((error as Error).name === 'SigningKeyNotFoundError') throw new Unauthenticated('Invalid access token', 401);
      // The key set could not be fetched: not the caller's fault, so not UNAUTHENTICATED.
      throw new GraphQLError('Access tokens cannot be verified right now', {
        extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 503 } },
      });
    }
  }

  return {
    async verify(accessToken) {
      const nowSeconds = Math.floor(Date.now() / 1000);
      const cached = verified.get(accessToken);
      if (cached) {
        if (cached.exp + clockTolerance > nowSeconds) return cached;
        verified.delete(accessToken);
        throw new Unauthenticated('Access token expired', 401);
      }
      const decoded = jwt.decode(accessToken, { complete: true });
      if (!decoded || typeof decoded.payload === 'string') throw new Unauthenticated('Invalid access token', 401);
      const { kid, alg } = decoded.header;
      if (!kid || !ALGORITHMS.includes(alg as jwt.Algorithm)) throw new Unauthenticated('Invalid access token', 401);
      const publicKey = await publicKeyFor(kid);
      let payload: jwt.JwtPayload;
      try {
        payload = jwt.verify(accessToken, publicKey, {
          algorithms: ALGORITHMS,
          issuer: options.issuer,
          audience: options.audience,
          clockTolerance,
          maxAge: maxLifetime + clockTolerance,
        }) as jwt.JwtPayload;
      } catch (error) {
        const expired = (error as Error).name === 'TokenExpiredError';
        throw new Unauthenticated(expired ? 'Access token expired' : 'Invalid access token', 401);
      }
      const { sub, role, exp, iat, jti } = payload;
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
      const claims: AccessTokenClaims = { id: sub, role, exp, jti };
      verified.set(accessToken, claims, { ttl: Math.max(1, exp - nowSeconds) * 1000 });
      return claims;
    },
  };
}
