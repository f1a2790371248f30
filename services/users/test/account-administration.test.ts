import { subjectDigest } from '@supergraph/auth';
import { codeOf, register, startUsersSubgraph, type UsersSubgraph } from './support/users-subgraph';

let users: UsersSubgraph;
beforeAll(async () => {
  users = await startUsersSubgraph();
});
afterAll(() => users.close());

const SET_ROLE = 'mutation SetRole($id: ID!, $role: Role!) { setUserRole(id: $id, role: $role) { username role } }';
const DELETE = 'mutation Delete($id: ID!) { deleteUser(id: $id) }';

describe('roles and account deletion', () => {
  it('only an admin can change roles', async () => {
    const yara = await register(users, 'yara');
    const zed = await register(users, 'zed');
    expect(codeOf(await users.graphql(SET_ROLE, { id: zed.viewer.id, role: 'ADMIN' }, { viewer: yara.viewer }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await users.graphql(SET_ROLE, { id: zed.viewer.id, role: 'ADMIN' }))).toBe('UNAUTHENTICATED');
    const admin = { id: yara.viewer.id, role: 'ADMIN' as const };
    // Claims that say ADMIN are not enough: users goes by the role its database holds.
    expect(codeOf(await users.graphql(SET_ROLE, { id: zed.viewer.id, role: 'ADMIN' }, { viewer: admin }))).toBe(
      'FORBIDDEN',
    );
    await users.sql("update users set role = 'ADMIN' where id = $1", [yara.viewer.id]);
    const promoted = await users.graphql(SET_ROLE, { id: zed.viewer.id, role: 'ADMIN' }, { viewer: admin });
    expect(promoted.data!.setUserRole).toEqual({ username: 'zed', role: 'ADMIN' });
    expect(
      codeOf(
        await users.graphql(SET_ROLE, { id: '00000000-0000-4000-8000-000000000000', role: 'USER' }, { viewer: admin }),
      ),
    ).toBe('NOT_FOUND');
  });

  it('a user may delete their own account but not someone else’s; an admin may delete any', async () => {
    const ann = await register(users, 'ann');
    const ben = await register(users, 'ben');
    const cat = await register(users, 'cat');
    expect(codeOf(await users.graphql(DELETE, { id: ben.viewer.id }, { viewer: ann.viewer }))).toBe('FORBIDDEN');
    expect((await users.graphql(DELETE, { id: ann.viewer.id }, { viewer: ann.viewer })).data!.deleteUser).toBe(true);
    await users.sql("update users set role = 'ADMIN' where id = $1", [cat.viewer.id]);
    expect(
      (await users.graphql(DELETE, { id: ben.viewer.id }, { viewer: { id: cat.viewer.id, role: 'ADMIN' } })).data!
        .deleteUser,
    ).toBe(true);
    const gone = await users.graphql('query($a: ID!, $b: ID!) { a: user(id: $a) { id } b: user(id: $b) { id } }', {
      a: ann.viewer.id,
      b: ben.viewer.id,
    });
    expect(gone.data).toEqual({ a: null, b: null });
    // Their sessions went with them.
    const refresh = await users.graphql('mutation($t: String!) { refreshToken(token: $t) { accessToken } }', {
      t: ann.refreshToken,
    });
    expect(codeOf(refresh)).toBe('UNAUTHENTICATED');
  });

  it('writes a UserDeleted to its outbox with the delete, for every other subgraph; nothing when it is refused', async () => {
    const dee = await register(users, 'dee');
    const eve = await register(users, 'eve');
    const outbox = () =>
      users.sql<{ type: string; subscriber: string }>(
        `select e.type, d.subscriber from outbox_events e join outbox_deliveries d on d.event_id = e.id
         where e.aggregate_id = $1 order by d.subscriber`,
        [dee.viewer.id],
      );
    expect(codeOf(await users.graphql(DELETE, { id: dee.viewer.id }, { viewer: eve.viewer }))).toBe('FORBIDDEN');
    expect(await outbox()).toEqual([]);
    expect((await users.graphql(DELETE, { id: dee.viewer.id }, { viewer: dee.viewer })).data!.deleteUser).toBe(true);
    expect(await outbox()).toEqual([
      { type: 'UserDeleted', subscriber: 'animal' },
      { type: 'UserDeleted', subscriber: 'puzzle' },
      { type: 'UserDeleted', subscriber: 'zoo' },
    ]);
  });

  it('answers another subgraph’s reference to a deleted user with a tombstone, never null', async () => {
    const fay = await register(users, 'fay');
    await users.graphql(DELETE, { id: fay.viewer.id }, { viewer: fay.viewer });
    const entities = await users.graphql(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id username email role } } }',
      { r: [{ __typename: 'User', id: fay.viewer.id }] },
      { viewer: { id: fay.viewer.id, role: 'ADMIN' } },
    );
    expect(entities.errors).toBeUndefined();
    expect(entities.data!._entities).toEqual([
      { id: fay.viewer.id, username: 'deleted-user', email: null, role: 'USER' },
    ]);
  });

  it('pages through users with opaque keyset cursors, without gaps or repeats', async () => {
    for (const name of ['pg_1', 'pg_2', 'pg_3', 'pg_4', 'pg_5']) await register(users, name);
    const seen: string[] = [];
    let after: string | null = null;
    let total: number;
    do {
      const page: any = await users.graphql(
        'query Page($after: String) { users(first: 2, after: $after) { totalCount edges { node { username } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      total = page.data.users.totalCount;
      seen.push(...page.data.users.edges.map((edge: any) => edge.node.username));
      after = page.data.users.pageInfo.hasNextPage ? page.data.users.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen.slice(-5)).toEqual(['pg_1', 'pg_2', 'pg_3', 'pg_4', 'pg_5']);
  });

  it('a role change or a deletion ends the user’s sessions and goes on the authority feed', async () => {
    const root = await register(users, 'root_admin');
    await users.sql("update users set role = 'ADMIN' where id = $1", [root.viewer.id]);
    const rootViewer = { id: root.viewer.id, role: 'ADMIN' as const };
    const dee = await register(users, 'dee');
    const eve = await register(users, 'eve_gone');
    await users.graphql(SET_ROLE, { id: dee.viewer.id, role: 'ADMIN' }, { viewer: rootViewer });
    await users.graphql(DELETE, { id: eve.viewer.id }, { viewer: rootViewer });

    const refresh = await users.graphql('mutation($t: String!) { refreshToken(token: $t) { accessToken } }', {
      t: dee.refreshToken,
    });
    expect(codeOf(refresh)).toBe('UNAUTHENTICATED');
    const FEED = 'query($since: DateTime!) { _authorityChanges(since: $since) { subject role deleted } }';
    const since = new Date(Date.now() - 60_000).toISOString();
    const feed = await users.graphql(FEED, { since });
    expect(feed.data!._authorityChanges).toEqual(
      expect.arrayContaining([
        { subject: subjectDigest(dee.viewer.id), role: 'ADMIN', deleted: false },
        { subject: subjectDigest(eve.viewer.id), role: null, deleted: true },
      ]),
    );
    // Only the gateway reads it.
    expect(codeOf(await users.graphql(FEED, { since }, { issuer: 'zoo' }))).not.toBeUndefined();
  });
});
