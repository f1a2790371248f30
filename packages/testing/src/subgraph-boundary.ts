// The same boundary cases against every subgraph (one describe block per subgraph, same cases): a subgraph
// answers only a caller with valid claims signed by an issuer it trusts, for the exact operation executed,
// once. Each service's test/ calls describeSubgraphBoundary with its own harness. Imported from
// `@supergraph/testing/subgraph-boundary` (it needs Jest's globals), not from the package's main entry.
import { createHmac, generateKeyPairSync, sign as signWith } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CLAIMS_HEADER,
  CLAIMS_TOKEN_TYPE,
  generateSigningKey,
  requestDigest,
  serviceKeys,
  signForwardedClaims,
  type ServiceKeys,
} from '@supergraph/auth';
import type { SubgraphHarness } from './subgraph-harness';
import { testKeys } from './test-keys';

export interface BoundaryTarget {
  /** The subgraph's name: the audience of its claims. */
  name: string;
  start(): Promise<SubgraphHarness>;
  /** A query anyone may run (anonymous claims from the gateway answer it with data). */
  publicQuery: string;
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function post(url: string, body: unknown, claims?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(claims && { [CLAIMS_HEADER]: claims }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    text,
    body: JSON.parse(text) as { data?: any; errors?: { extensions?: { code?: string } }[] },
  };
}

export function describeSubgraphBoundary(target: BoundaryTarget): void {
  describe(`the ${target.name} subgraph's boundary`, () => {
    let subgraph: SubgraphHarness;
    beforeAll(async () => {
      subgraph = await target.start();
    });
    afterAll(() => subgraph.close());

    const query = target.publicQuery;
    const digest = () => requestDigest(query, undefined);
    const sign = (keys: ServiceKeys, audience = target.name, claimsDigest = digest()) =>
      signForwardedClaims(keys, {
        audience,
        viewer: { id: '00000000-0000-4000-8000-000000000001', role: 'ADMIN' },
        digest: claimsDigest,
      });

    it('answers the gateway’s signed claims (the baseline every refusal below is measured against)', async () => {
      const result = await post(subgraph.url, { query }, await sign(testKeys('gateway')));
      expect(result.status).toBe(200);
      expect(result.body.errors).toBeUndefined();
    });

    it('refuses an unsigned request with 401 before parsing it (even a body that is not GraphQL)', async () => {
      for (const body of [{ query }, '{"query": "{ this is not graphql"}', 'not even json']) {
        const result = await post(subgraph.url, body);
        expect(result.status).toBe(401);
        expect(result.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
    });

    it('refuses a fragment-wrapped or aliased _service or _entities without claims', async () => {
      for (const internal of [
        '{ ... on Query { _service { sdl } } }',
        'query { sdl: _service { sdl } }',
        'query($r: [_Any!]!) { ...E } fragment E on Query { _entities(representations: $r) { __typename } }',
      ]) {
        const result = await post(subgraph.url, { query: internal, variables: { r: [] } });
        expect(result.status).toBe(401);
        expect(result.text).not.toContain('@key');
      }
    });

    it('refuses _service and _entities to a trusted service caller (they are the gateway’s)', async () => {
      const internal = '{ ... on Query { _service { sdl } } }';
      const caller = target.name === 'zoo' ? 'animal' : 'zoo';
      const claims = signForwardedClaims(testKeys(caller), {
        audience: target.name,
        viewer: null,
        digest: requestDigest(internal, undefined),
      });
      const result = await post(subgraph.url, { query: internal }, claims);
      expect(result.text).not.toContain('@key');
      expect(result.body.data?._service ?? null).toBeNull();
    });

    it('refuses a GET carrying a captured header with 405', async () => {
      const captured = await sign(testKeys('gateway'));
      const response = await fetch(`${subgraph.url}?query=${encodeURIComponent(query)}`, {
        headers: { [CLAIMS_HEADER]: captured },
      });
      expect(response.status).toBe(405);
      expect(await response.text()).not.toContain('"data"');
    });

    it('accepts a header once: a replay is 401', async () => {
      const claims = await sign(testKeys('gateway'));
      expect((await post(subgraph.url, { query }, claims)).status).toBe(200);
      const replay = await post(subgraph.url, { query }, claims);
      expect(replay.status).toBe(401);
      expect(replay.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a valid header sent with another operation or other variables', async () => {
      const other = await post(subgraph.url, { query: `${query} ` }, await sign(testKeys('gateway')));
      expect(other.status).toBe(401);
      const variables = await post(subgraph.url, { query, variables: { extra: 1 } }, await sign(testKeys('gateway')));
      expect(variables.status).toBe(401);
      expect(variables.body.data).toBeUndefined();
    });

    it('refuses a header meant for another subgraph', async () => {
      const result = await post(
        subgraph.url,
        { query },
        await sign(testKeys('gateway'), target.name === 'users' ? 'zoo' : 'users'),
      );
      expect(result.status).toBe(401);
    });

    it('refuses an HS256 header, whatever the secret (even a public key)', async () => {
      const publicPem = testKeys('gateway').current.publicKey.export({ format: 'pem', type: 'spki' }).toString();
      for (const secret of [publicPem, 'development-only-internal-claims-secret-not-for-production', '']) {
        const header = base64url({ alg: 'HS256', typ: CLAIMS_TOKEN_TYPE, kid: testKeys('gateway').current.kid });
        const payload = base64url({
          iss: 'gateway',
          aud: target.name,
          sub: '00000000-0000-4000-8000-000000000001',
          role: 'ADMIN',
          dig: digest(),
          iat: nowSeconds(),
          exp: nowSeconds() + 60,
          jti: `hs-${Math.random()}`,
        });
        const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
        expect((await post(subgraph.url, { query }, `${header}.${payload}.${signature}`)).status).toBe(401);
      }
    });

    it('refuses what a compromised puzzle subgraph can sign, as the gateway or as any service', async () => {
      // It holds its own private key and every public key (public keys cannot sign).
      const puzzleKey = testKeys('puzzle').current;
      for (const issuer of ['gateway', 'zoo', 'animal', 'users', 'puzzle']) {
        const forged = await sign(serviceKeys(issuer, puzzleKey));
        expect((await post(subgraph.url, { query }, forged)).status).toBe(401);
        // Naming the real issuer's kid does not help either.
        const borrowedKid = await sign(serviceKeys(issuer, { ...puzzleKey, kid: testKeys(issuer).current.kid }));
        expect((await post(subgraph.url, { query }, borrowedKid)).status).toBe(401);
      }
    });

    it('refuses a key nobody published and a JWT of another type (an access token)', async () => {
      expect(
        (await post(subgraph.url, { query }, await sign(serviceKeys('gateway', generateSigningKey())))).status,
      ).toBe(401);
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      const header = base64url({ alg: 'ES256', typ: 'JWT', kid: testKeys('gateway').current.kid });
      const payload = base64url({
        iss: 'gateway',
        aud: target.name,
        dig: digest(),
        iat: nowSeconds(),
        exp: nowSeconds() + 60,
        jti: 'access',
      });
      const signature = signWith('sha256', Buffer.from(`${header}.${payload}`), {
        key: privateKey,
        dsaEncoding: 'ieee-p1363',
      }).toString('base64url');
      expect((await post(subgraph.url, { query }, `${header}.${payload}.${signature}`)).status).toBe(401);
    });
  });
}
