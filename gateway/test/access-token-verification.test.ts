import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { CLAIMS_HEADER, signForwardedClaims, requestDigest } from '@supergraph/auth';
import { GATEWAY_KEYS, generateSigningKey, startSupergraph, TOKENS, type Supergraph } from './support/supergraph';

let supergraph: Supergraph;
let alice: { id: string; role: 'USER' | 'ADMIN' };

beforeAll(async () => {
  supergraph = await startSupergraph();
  const registered = await supergraph.query(
    'mutation { register(input: { username: "alice", email: "alice@example.com", password: "alice-password" }) { user { id role } } }',
  );
  alice = registered.data!.register.user;
});
afterAll(() => supergraph.close());

const ME = '{ me { id username email } }';
const bearer = (accessToken: string) => ({ authorization: `Bearer ${accessToken}` });

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);
const validClaims = () => ({
  sub: alice.id,
  role: 'USER',
  ...{ iss: TOKENS.issuer, aud: TOKENS.audience },
  iat: nowSeconds(),
  exp: nowSeconds() + 600,
  jti: 'j1',
});

describe('the gateway and access tokens', () => {
  it('logs in through the gateway and, with the token, reaches the subgraph as that viewer', async () => {
    const login = await supergraph.query(
      'mutation { login(input: { username: "alice", password: "alice-password" }) { accessToken } }',
    );
    const me = await supergraph.query(ME, undefined, bearer(login.data!.login.accessToken));
    expect(me.status).toBe(200);
    expect(me.data!.me).toEqual({ id: alice.id, username: 'alice', email: 'alice@example.com' });
  });

  it('treats a request without a token as anonymous', async () => {
    const me = await supergraph.query(ME);
    expect(me.status).toBe(200);
    expect(me.data!.me).toBeNull();
  });

  const badTokens: [string, () => string][] = [
    [
      'expired',
      () =>
        jwt.sign(
          { ...validClaims(), iat: nowSeconds() - 1000, exp: nowSeconds() - 100 },
          supergraph.signingKey.privateKey,
          { algorithm: 'ES256', keyid: supergraph.signingKey.kid },
        ),
    ],
    [
      'tampered (role changed after signing)',
      () => {
        const [header, , signature] = supergraph.accessTokenFor(alice).split('.');
        return `${header}.${base64url({ ...validClaims(), role: 'ADMIN' })}.${signature}`;
      },
    ],
    [
      'unsigned (alg: none)',
      () => `${base64url({ alg: 'none', typ: 'JWT', kid: supergraph.signingKey.kid })}.${base64url(validClaims())}.`,
    ],
    [
      'HS256-signed with the public key as the secret',
      () => {
        const header = base64url({ alg: 'HS256', typ: 'JWT', kid: supergraph.signingKey.kid });
        const payload = base64url(validClaims());
        const publicPem = supergraph.signingKey.publicKey.export({ format: 'pem', type: 'spki' }).toString();
        const signature = createHmac('sha256', publicPem).update(`${header}.${payload}`).digest('base64url');
        return `${header}.${payload}.${signature}`;
      },
    ],
    [
      'without exp',
      () => {
        const { exp: _exp, ...claims } = validClaims();
        return jwt.sign(claims, supergraph.signingKey.privateKey, {
          algorithm: 'ES256',
          keyid: supergraph.signingKey.kid,
        });
      },
    ],
    [
      'with a wrong issuer',
      () =>
        jwt.sign({ ...validClaims(), iss: 'someone-else' }, supergraph.signingKey.privateKey, {
          algorithm: 'ES256',
          keyid: supergraph.signingKey.kid,
        }),
    ],
    [
      'with a wrong audience',
      () =>
        jwt.sign({ ...validClaims(), aud: 'another-api' }, supergraph.signingKey.privateKey, {
          algorithm: 'ES256',
          keyid: supergraph.signingKey.kid,
        }),
    ],
    [
      'living longer than 15 minutes',
      () =>
        jwt.sign({ ...validClaims(), exp: nowSeconds() + 86_400 }, supergraph.signingKey.privateKey, {
          algorithm: 'ES256',
          keyid: supergraph.signingKey.kid,
        }),
    ],
    [
      'signed by a foreign key that claims the real kid',
      () =>
        jwt.sign(validClaims(), generateSigningKey().privateKey, {
          algorithm: 'ES256',
          keyid: supergraph.signingKey.kid,
        }),
    ],
    [
      'signed by a foreign key with its own kid',
      () => {
        const foreign = generateSigningKey();
        return jwt.sign(validClaims(), foreign.privateKey, { algorithm: 'ES256', keyid: foreign.kid });
      },
    ],
    ['not a JWT at all', () => 'definitely-not-a-token'],
  ];

  it.each(badTokens)(
    'refuses a token that is %s with 401 UNAUTHENTICATED, never as anonymous',
    async (_label, makeToken) => {
      const result = await supergraph.query(ME, undefined, bearer(makeToken()));
      expect(result.status).toBe(401);
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(result.data).toBeUndefined();
    },
  );

  it('refuses an Authorization header that is not a bearer token', async () => {
    const result = await supergraph.query(ME, undefined, {
      authorization: `Basic ${Buffer.from('alice:alice-password').toString('base64')}`,
    });
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('accepts the same valid token again (from its verification cache) until it expires', async () => {
    const accessToken = supergraph.accessTokenFor(alice);
    const first = await supergraph.query(ME, undefined, bearer(accessToken));
    const second = await supergraph.query(ME, undefined, bearer(accessToken));
    expect(first.data!.me.id).toBe(alice.id);
    expect(second.data!.me.id).toBe(alice.id);
  });
});

describe('the internal claims header', () => {
  it('has no effect when a client sends it to the gateway, even validly signed', async () => {
    const adminClaims = signForwardedClaims(GATEWAY_KEYS, {
      audience: 'users',
      viewer: { id: alice.id, role: 'ADMIN' },
      digest: requestDigest(ME, undefined),
    });
    const result = await supergraph.query(ME, undefined, { [CLAIMS_HEADER]: adminClaims });
    expect(result.status).toBe(200);
    expect(result.data!.me).toBeNull();
  });

  it('carries the caller’s address to the users service, which counts failed logins by username and that address', async () => {
    const failed = await supergraph.query(
      'mutation { login(input: { username: "alice", password: "not-alices-password" }) { accessToken } }',
    );
    expect(failed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // The test client's socket address, as the gateway saw it, signed into the claims the users service read.
    const counters = await supergraph.subgraphs.users.sql<{ key: string }>(
      "select key from login_throttle where key like 'login_fail_%'",
    );
    expect(counters.map(({ key }) => key)).toEqual(
      expect.arrayContaining(['login_fail_user_ip:alice|127.0.0.1', 'login_fail_ip:127.0.0.1']),
    );
  });

  it('cannot be replayed to the subgraph for a different operation', async () => {
    // What a gateway would send for `{ me { id } }` does not authorise `{ me { email } }`.
    const claims = signForwardedClaims(GATEWAY_KEYS, {
      audience: 'users',
      viewer: alice,
      digest: requestDigest('{ me { id } }', undefined),
    });
    const response = await fetch(supergraph.subgraphs.users.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLAIMS_HEADER]: claims },
      body: JSON.stringify({ query: '{ me { email } }' }),
    });
    expect(response.status).toBe(401);
  });
});

describe('the gateway’s published keys', () => {
  it('serves its claims-signing public keys at /.well-known/jwks.json: no symmetric key, no private part', async () => {
    const response = await fetch(new URL('/.well-known/jwks.json', supergraph.gatewayUrl));
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(keys.map((key) => key.kid)).toEqual([GATEWAY_KEYS.current.kid]);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(key).not.toHaveProperty('d');
    }
  });

  it('cannot sign for the subgraphs with anything it publishes (a subgraph called directly is 401)', async () => {
    const response = await fetch(supergraph.subgraphs.users.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ME }),
    });
    expect(response.status).toBe(401);
  });
});

describe('gateway health', () => {
  it('is ready when the supergraph is loaded and every subgraph answers', async () => {
    const ready = await fetch(new URL('/ready', supergraph.gatewayUrl));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    const detailed = await fetch(new URL('/ready', supergraph.gatewayMetricsUrl));
    expect(await detailed.json()).toMatchObject({ status: 'ready', supergraphLoaded: true });
  });
});
