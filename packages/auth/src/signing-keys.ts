// Asymmetric signing keys: the users service's access-token key, and each service's own key for the claims
// it signs (the gateway's, zoo's, animal's). From configuration in production, generated once per service and
// kept on disk in development. Their public halves are published as JWKS.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type SigningAlgorithm = 'ES256' | 'RS256';

/** A key that verifies: published in a JWKS. */
export interface VerificationKey {
  kid: string;
  algorithm: SigningAlgorithm;
  publicKey: KeyObject;
}

export interface SigningKey extends VerificationKey {
  privateKey: KeyObject;
}

export interface PublicJwk {
  kid: string;
  alg: SigningAlgorithm;
  use: 'sig';
  kty: string;
  [member: string]: unknown;
}

function algorithmFor(key: KeyObject): SigningAlgorithm {
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  throw new Error('The token signing key must be an EC P-256 (ES256) or RSA (RS256) private key');
}

/** RFC 7638 thumbprint: a kid that changes exactly when the key does. */
function thumbprint(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  const members =
    jwk.kty === 'EC' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : { e: jwk.e, kty: jwk.kty, n: jwk.n };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

export function signingKeyFromPem(privateKeyPem: string, kid?: string): SigningKey {
  const privateKey = createPrivateKey(privateKeyPem);
  const publicKey = createPublicKey(privateKey);
  return { kid: kid ?? thumbprint(publicKey), algorithm: algorithmFor(privateKey), privateKey, publicKey };
}

/** Development only: the key in `dir/fileName`, created on first use (the folder is git-ignored). */
export function loadOrCreateDevSigningKey(dir: string, fileName = 'jwt-signing-key.pem'): SigningKey {
  const file = path.join(dir, fileName);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    try {
      writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process of the same service made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return signingKeyFromPem(readFileSync(file, 'utf8'));
}

export function generateSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return signingKeyFromPem(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
}

/** A key that only verifies (a retired key still published during a rotation), from its public or private PEM. */
export function verificationKeyFromPem(pem: string, kid?: string): VerificationKey {
  const publicKey = createPublicKey(pem);
  return { kid: kid ?? thumbprint(publicKey), algorithm: algorithmFor(publicKey), publicKey };
}

export function publicJwks(keys: VerificationKey[]): { keys: PublicJwk[] } {
  return {
    keys: keys.map(
      (key) =>
        ({ ...key.publicKey.export({ format: 'jwk' }), kid: key.kid, alg: key.algorithm, use: 'sig' }) as PublicJwk,
    ),
  };
}
