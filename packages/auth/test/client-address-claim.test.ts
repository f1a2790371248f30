// The client's address travels inside the signed claims (`cip`), so a subgraph can key per-client limits by
// it and a caller cannot choose it: verified like the rest, optional, and refused when it is not an address.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import {
  CLAIMS_TOKEN_TYPE,
  createClaimsVerifier,
  generateSigningKey,
  memoryReplayGuard,
  requestDigest,
  serviceKeys,
  signForwardedClaims,
} from '../src';
import { createLocalKeySet } from '../src/remote-key-set';

const QUERY = 'mutation { login(input: {username: "a", password: "b"}) { accessToken } }';
const key = generateSigningKey();
const gateway = serviceKeys('gateway', key);
const verifier = createClaimsVerifier({
  audience: 'users',
  issuers: { gateway: { keys: createLocalKeySet([key]) } },
  replay: memoryReplayGuard(),
});
const sign = (clientAddress: string | undefined) =>
  signForwardedClaims(gateway, { audience: 'users', viewer: null, clientAddress, digest: requestDigest(QUERY, {}) });

/** A header with the given `cip`, signed with the gateway's real key: only the claim's value is wrong. */
const signWithCip = (cip: unknown) =>
  new SignJWT({ dig: requestDigest(QUERY, {}), cip })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: CLAIMS_TOKEN_TYPE })
    .setIssuer('gateway')
    .setAudience('users')
    .setIssuedAt()
    .setExpirationTime('60s')
    .setJti(randomUUID())
    .sign(key.privateKey);

describe('the client address in forwarded claims', () => {
  it.each(['203.0.113.7', '2001:db8::1', '::ffff:127.0.0.1'])('carries %s to the subgraph', async (address) => {
    await expect(verifier.verify(sign(address))).resolves.toMatchObject({ clientAddress: address });
  });

  it('is optional: claims without it (a service call, an older gateway) still verify, with no address', async () => {
    const verified = await verifier.verify(sign(undefined));
    expect(verified.issuer).toBe('gateway');
    expect(verified).not.toHaveProperty('clientAddress');
  });

  it('is left out by the signer when the address is not an IP address', async () => {
    expect(await verifier.verify(sign('unknown'))).not.toHaveProperty('clientAddress');
  });

  it.each([['unknown'], ['203.0.113.7, 10.0.0.1'], [42], [['203.0.113.7']]])(
    'refuses a signed header whose cip is %j',
    async (cip) => {
      await expect(verifier.verify(await signWithCip(cip))).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
      });
    },
  );

  it('cannot be changed after signing', async () => {
    const [header, payload, signature] = sign('203.0.113.7').split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, cip: '198.51.100.1' })).toString('base64url');
    await expect(verifier.verify(`${header}.${forged}.${signature}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});
