import { register, startUsersSubgraph, type UsersSubgraph } from './support/users-subgraph';

let users: UsersSubgraph;
beforeAll(async () => {
  users = await startUsersSubgraph();
});
afterAll(() => users.close());

const EMAIL = 'query Email($id: ID!) { user(id: $id) { username email } }';

describe('User.email', () => {
  it('is visible to the user themself and to admins, and null to everyone else', async () => {
    const kim = await register(users, 'kim');
    const leo = await register(users, 'leo');
    const admin = await register(users, 'mia');
    const asAdmin = { id: admin.viewer.id, role: 'ADMIN' as const };
    // Claims saying ADMIN for an account the database holds as USER do not open the email.
    expect((await users.graphql(EMAIL, { id: kim.viewer.id }, { viewer: asAdmin })).data!.user.email).toBeNull();
    await users.sql("update users set role = 'ADMIN' where id = $1", [admin.viewer.id]);

    const self = await users.graphql(EMAIL, { id: kim.viewer.id }, { viewer: kim.viewer });
    const other = await users.graphql(EMAIL, { id: kim.viewer.id }, { viewer: leo.viewer });
    const anonymous = await users.graphql(EMAIL, { id: kim.viewer.id }, { viewer: null });
    const byAdmin = await users.graphql(EMAIL, { id: kim.viewer.id }, { viewer: asAdmin });

    expect(self.data!.user).toEqual({ username: 'kim', email: 'kim@example.com' });
    expect(other.data!.user).toEqual({ username: 'kim', email: null });
    expect(anonymous.data!.user).toEqual({ username: 'kim', email: null });
    expect(byAdmin.data!.user).toEqual({ username: 'kim', email: 'kim@example.com' });
  });

  it('stays private in lists and lookups by username', async () => {
    await register(users, 'noor');
    const list = await users.graphql('{ users(first: 100) { edges { node { username email } } } }', undefined, {
      viewer: null,
    });
    expect(list.data!.users.edges.every((edge: any) => edge.node.email === null)).toBe(true);
    const byName = await users.graphql('{ userByUsername(username: "NOOR") { username email } }');
    expect(byName.data!.userByUsername).toEqual({ username: 'noor', email: null });
  });
});
