import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAccessTokenVerifier, generateSigningKey, issueAccessToken, publicJwks, type SigningKey } from '../src';

const AUDIENCE = { issuer: 'supergraph-users', audience: 'supergraph' };
const viewer = { id: '7d3f6a52-5d7e-4a8e-9d55-0a1b2c3d4e5f', role: 'USER' as const };

// A JWKS endpoint whose published keys the test controls, counting how often it is fetched.
let published: SigningKey[] = [];
let fetches = 0;
let available = true;
const server = http.createServer((_req, res) => {
  fetches++;
  if (!available) {
    res.statusCode = 503;
    res.end();
    return;
  }
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(publicJwks(published)));
});
let jwksUri: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  fetches = 0;
  available = true;
});

describe('access token verifier', () => {
  it('fetches the key set once, then serves repeated tokens from its caches', async () => {
    const key = generateSigningKey();
    published = [key];
    const verifier = createAccessTokenVerifier({ jwksUri, ...AUDIENCE });
    const first = issueAccessToken(key, viewer, AUDIENCE);
    const second = issueAccessToken(key, viewer, AUDIENCE);
    await expect(verifier.verify(first)).resolves.toMatchObject(viewer);
    await expect(verifier.verify(first)).resolves.toMatchObject(viewer);
    await expect(verifier.verify(second)).resolves.toMatchObject(viewer);
    expect(fetches).toBe(1);
  });

  it('refetches the key set when a token names a kid it has not seen (key rotation)', async () => {
    const oldKey = generateSigningKey();
    published = [oldKey];
    const verifier = createAccessTokenVerifier({ jwksUri, ...AUDIENCE });
    await verifier.verify(issueAccessToken(oldKey, viewer, AUDIENCE));
    const newKey = generateSigningKey();
    published = [oldKey, newKey];
    await expect(verifier.verify(issueAccessToken(newKey, viewer, AUDIENCE))).resolves.toMatchObject(viewer);
    expect(fetches).toBe(2);
  });

  it('says the service is unavailable (503), not that the token is bad, when the key set cannot be fetched', async () => {
    published = [generateSigningKey()];
    available = false;
    const verifier = createAccessTokenVerifier({ jwksUri, ...AUDIENCE });
    const error = await verifier
      .verify(issueAccessToken(published[0]!, viewer, AUDIENCE))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 503 } } });
  });

  it('rejects a token whose kid is not published even after refetching', async () => {
    published = [generateSigningKey()];
    const verifier = createAccessTokenVerifier({ jwksUri, ...AUDIENCE });
    const stranger = generateSigningKey();
    await expect(verifier.verify(issueAccessToken(stranger, viewer, AUDIENCE))).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('verifies a token signed with a newly rotated key after a flood of 1000 tokens with random kids', async () => {
    const oldKey = generateSigningKey();
    published = [oldKey];
    const verifier = createAccessTokenVerifier({ jwksUri, ...AUDIENCE });
    await verifier.verify(issueAccessToken(oldKey, viewer, AUDIENCE));
    const flood = Array.from({ length: 1000 }, () =>
      issueAccessToken({ ...oldKey, kid: randomBytes(32).toString('base64url') }, viewer, AUDIENCE),
    );
    const refused = await Promise.all(
      flood.map((token) =>
        verifier.verify(token).then(
          () => false,
          () => true,
        ),
      ),
    );
    expect(refused.every(Boolean)).toBe(true);

    const newKey = generateSigningKey();
    published = [oldKey, newKey];
    await expect(verifier.verify(issueAccessToken(newKey, viewer, AUDIENCE))).resolves.toMatchObject(viewer);
    // The flood cost the JWKS endpoint one shared fetch, and the new key one more.
    expect(fetches).toBeLessThanOrEqual(3);
  });

  it('refuses a malformed kid without fetching the key set', async () => {
    const key = generateSigningKey();
    published = [key];
    const verifier = createAccessTokenVerifier({ jwksUri, ...AUDIENCE });
    const token = issueAccessToken({ ...key, kid: '../../admin?x=<script>' }, viewer, AUDIENCE);
    await expect(verifier.verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(fetches).toBe(0);
  });
});
