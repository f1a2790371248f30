// A signer switches keys without a flag day: it publishes the new key next to the old one, signs with the
// new one, and a receiver that knew only the old key accepts both; once the old key is withdrawn, claims
// signed with it stop verifying.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createClaimsVerifier,
  createRemoteKeySet,
  generateSigningKey,
  memoryReplayGuard,
  publicJwks,
  requestDigest,
  serviceKeys,
  signForwardedClaims,
  type ServiceKeys,
} from '../src';

let published: ServiceKeys;
const server = http.createServer((_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(publicJwks(published.published)));
});
let jwksUrl: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const QUERY = '{ me { id } }';
const sign = (keys: ServiceKeys) =>
  signForwardedClaims(keys, {
    audience: 'users',
    viewer: { id: 'u1', role: 'USER' },
    digest: requestDigest(QUERY, undefined),
  });

it('accepts claims signed with the new key and the old one while both are published, then only the new one', async () => {
  const oldKey = generateSigningKey();
  const newKey = generateSigningKey();
  const verifier = createClaimsVerifier({
    audience: 'users',
    issuers: { gateway: { keys: createRemoteKeySet(jwksUrl, { minFetchIntervalMs: 0 }) } },
    replay: memoryReplayGuard(),
  });

  published = serviceKeys('gateway', oldKey);
  await expect(verifier.verify(await sign(published))).resolves.toMatchObject({
    issuer: 'gateway',
    viewer: { id: 'u1' },
  });

  // The switch: sign with the new key, keep publishing the old one.
  published = serviceKeys('gateway', newKey, [oldKey]);
  expect(publicJwks(published.published).keys.map((key) => key.kid)).toEqual([newKey.kid, oldKey.kid]);
  await expect(verifier.verify(await sign(published))).resolves.toMatchObject({ issuer: 'gateway' });
  await expect(verifier.verify(await sign(serviceKeys('gateway', oldKey)))).resolves.toMatchObject({
    issuer: 'gateway',
  });

  // The old key is withdrawn: the next refetch (here, for a kid nobody knows) forgets it.
  published = serviceKeys('gateway', newKey);
  await expect(verifier.verify(await sign(serviceKeys('gateway', generateSigningKey())))).rejects.toMatchObject({
    extensions: { code: 'UNAUTHENTICATED' },
  });
  await expect(verifier.verify(await sign(serviceKeys('gateway', oldKey)))).rejects.toMatchObject({
    extensions: { code: 'UNAUTHENTICATED' },
  });
  await expect(verifier.verify(await sign(published))).resolves.toMatchObject({ issuer: 'gateway' });
});
