// What the users subgraph makes of the claims a trusted caller signs: the viewer comes from them and from
// nothing else; the gateway-only root fields answer the gateway. (The refusals are in subgraph-boundary.test.ts.)
import { register, startUsersSubgraph, type UsersSubgraph } from './support/users-subgraph';

let users: UsersSubgraph;
beforeAll(async () => {
  users = await startUsersSubgraph();
});
afterAll(() => users.close());

const ME = '{ me { username } }';

describe('calling the users subgraph with signed claims', () => {
  it('anonymous claims from the gateway: the caller is anonymous', async () => {
    const result = await users.graphql(ME);
    expect(result.status).toBe(200);
    expect(result.data!.me).toBeNull();
  });

  it('ignores a plain x-user-id style header next to the claims', async () => {
    const { viewer } = await register(users, 'mallory');
    const result = await users.graphql(ME, undefined, { headers: { 'x-user-id': viewer.id, 'x-user-role': 'ADMIN' } });
    expect(result.data!.me).toBeNull();
  });

  it('takes the viewer from valid claims', async () => {
    const { viewer } = await register(users, 'trent');
    const result = await users.graphql(ME, undefined, { viewer });
    expect(result.data!.me).toEqual({ username: 'trent' });
  });
});

describe('the gateway-only root fields', () => {
  it('serve _service and _entities to the gateway', async () => {
    const { viewer } = await register(users, 'entity_target');
    const entities = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { username email } } }';
    const variables = { r: [{ __typename: 'User', id: viewer.id }] };
    const direct = await users.graphql(entities, variables, { unsigned: true });
    expect(direct.status).toBe(401);
    expect(JSON.stringify(direct)).not.toContain('entity_target');

    const viaGateway = await users.graphql(entities, variables, { viewer: null });
    expect(viaGateway.data!._entities).toEqual([{ username: 'entity_target', email: null }]);
    expect((await users.graphql('{ _service { sdl } }', undefined, { viewer: null })).data!._service.sdl).toContain(
      'type User',
    );
  });
});

describe('health and readiness', () => {
  it('reports alive and ready while the database answers', async () => {
    expect(await (await fetch(`${users.baseUrl}/health`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${users.baseUrl}/ready`);
    expect(ready.status).toBe(200);
  });
});
