import { CLAIMS_HEADER, requestDigest, signForwardedClaims } from '@supergraph/auth';
import jwt from 'jsonwebtoken';
import { register, startUsersSubgraph, TEST_CLAIMS_KEY, type UsersSubgraph } from './support/users-subgraph';

let users: UsersSubgraph;
beforeAll(async () => {
  users = await startUsersSubgraph();
});
afterAll(() => users.close());

const ME = '{ me { username } }';
const claimsFor = (viewer: { id: string; role: 'USER' | 'ADMIN' }, overrides: { audience?: string; secret?: string; query?: string; ttlSeconds?: number } = {}) =>
  signForwardedClaims(
    { secret: overrides.secret ?? TEST_CLAIMS_KEY.secret },
    {
      issuer: 'gateway',
      audience: overrides.audience ?? 'users',
      viewer,
      digest: requestDigest(overrides.query ?? ME, undefined),
      ...(overrides.ttlSeconds !== undefined && { ttlSeconds: overrides.ttlSeconds }),
    },
  );

describe('calling the users subgraph directly', () => {
  it('without a claims header, the caller is anonymous', async () => {
    const result = await users.graphql(ME);
    expect(result.status).toBe(200);
    expect(result.data!.me).toBeNull();
  });

  it('ignores a plain x-user-id style header', async () => {
    const { viewer } = await register(users, 'mallory');
    const result = await users.graphql(ME, undefined, { headers: { 'x-user-id': viewer.id, 'x-user-role': 'ADMIN' } });
    expect(result.data!.me).toBeNull();
  });

  it.each([
    ['signed with another secret (forged)', { secret: 'an-attacker-guessed-secret-of-32-characters!' }],
    ['meant for another subgraph', { audience: 'zoo' }],
    ['bound to another operation', { query: '{ users { totalCount } }' }],
    ['expired', { ttlSeconds: -60 }],
  ])('rejects a claims header %s with 401 UNAUTHENTICATED', async (_label, overrides) => {
    const { viewer } = await register(users, `victim_${Math.random().toString(36).slice(2, 8)}`);
    const result = await users.graphql(ME, undefined, { headers: { [CLAIMS_HEADER]: claimsFor(viewer, overrides) } });
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data).toBeUndefined();
  });

  it('rejects an unsigned (alg: none) claims header', async () => {
    const { viewer } = await register(users, 'eve');
    const unsigned = jwt.sign({ sub: viewer.id, role: 'ADMIN', dig: requestDigest(ME, undefined) }, '', {
      algorithm: 'none',
      audience: 'users',
      issuer: 'gateway',
      expiresIn: 60,
    });
    const result = await users.graphql(ME, undefined, { headers: { [CLAIMS_HEADER]: unsigned } });
    expect(result.status).toBe(401);
  });

  it('accepts a valid header: the viewer comes from the claims', async () => {
    const { viewer } = await register(users, 'trent');
    const result = await users.graphql(ME, undefined, { headers: { [CLAIMS_HEADER]: claimsFor(viewer) } });
    expect(result.data!.me).toEqual({ username: 'trent' });
  });
});

describe('the gateway-only root fields', () => {
  it('refuses _service and _entities without gateway claims, and serves them with', async () => {
    const { viewer } = await register(users, 'entity_target');
    const entities = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { username email } } }';
    const variables = { r: [{ __typename: 'User', id: viewer.id }] };
    const direct = await users.graphql(entities, variables);
    expect(direct.status).toBe(403);
    expect(direct.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(direct)).not.toContain('entity_target');
    expect((await users.graphql('{ _service { sdl } }')).status).toBe(403);

    const viaGateway = await users.graphql(entities, variables, { viewer: null });
    expect(viaGateway.data!._entities).toEqual([{ username: 'entity_target', email: null }]);
    expect((await users.graphql('{ _service { sdl } }', undefined, { viewer: null })).data!._service.sdl).toContain('type User');
  });
});

describe('health and readiness', () => {
  it('reports alive and ready while the database answers', async () => {
    expect(await (await fetch(`${users.baseUrl}/health`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${users.baseUrl}/ready`);
    expect(ready.status).toBe(200);
  });
});
