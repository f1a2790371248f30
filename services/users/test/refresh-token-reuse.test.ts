import { codeOf, register, startUsersSubgraph, type UsersSubgraph } from './support/users-subgraph';

let users: UsersSubgraph;
beforeAll(async () => {
  users = await startUsersSubgraph();
});
afterAll(() => users.close());

const REFRESH =
  'mutation Refresh($token: String!) { refreshToken(token: $token) { accessToken refreshToken user { username } } }';
const LOGOUT = 'mutation Logout($token: String!) { logout(refreshToken: $token) }';

describe('refresh tokens', () => {
  it('rotates: a refresh returns a new pair, and the new refresh token works', async () => {
    const session = await register(users, 'olga');
    const first = await users.graphql(REFRESH, { token: session.refreshToken });
    expect(first.data!.refreshToken.user.username).toBe('olga');
    expect(first.data!.refreshToken.refreshToken).not.toBe(session.refreshToken);
    const second = await users.graphql(REFRESH, { token: first.data!.refreshToken.refreshToken });
    expect(second.errors).toBeUndefined();
  });

  it('stores only hashes of refresh tokens', async () => {
    const session = await register(users, 'omar');
    const rows = await users.sql<{ token_hash: string }>(
      'select token_hash from refresh_tokens where token_hash = $1',
      [session.refreshToken],
    );
    expect(rows).toHaveLength(0);
  });

  it('treats reuse of a rotated token as theft and revokes the whole family', async () => {
    const session = await register(users, 'pia');
    const rotated = await users.graphql(REFRESH, { token: session.refreshToken });
    const stolenCopy = rotated.data!.refreshToken.refreshToken;

    const reuse = await users.graphql(REFRESH, { token: session.refreshToken });
    expect(codeOf(reuse)).toBe('UNAUTHENTICATED');

    // The legitimate holder's newer token is dead too: the family is revoked.
    expect(codeOf(await users.graphql(REFRESH, { token: stolenCopy }))).toBe('UNAUTHENTICATED');
  });

  it('lets only one of two concurrent refreshes with the same token succeed', async () => {
    const session = await register(users, 'quinn');
    const results = await Promise.all([
      users.graphql(REFRESH, { token: session.refreshToken }),
      users.graphql(REFRESH, { token: session.refreshToken }),
    ]);
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
  });

  it('leaves other sessions of the same user alone when one family is revoked', async () => {
    await register(users, 'rosa', 'rosa-password-1');
    const login = async () =>
      (
        await users.graphql(
          'mutation { login(input: { username: "rosa", password: "rosa-password-1" }) { refreshToken } }',
        )
      ).data!.login.refreshToken as string;
    const laptop = await login();
    const phone = await login();
    await users.graphql(REFRESH, { token: laptop });
    await users.graphql(REFRESH, { token: laptop }); // reuse: laptop's family dies
    expect((await users.graphql(REFRESH, { token: phone })).errors).toBeUndefined();
  });

  it('logout ends the session: its refresh token stops working; a second logout says false', async () => {
    const session = await register(users, 'sam');
    expect((await users.graphql(LOGOUT, { token: session.refreshToken })).data!.logout).toBe(true);
    expect(codeOf(await users.graphql(REFRESH, { token: session.refreshToken }))).toBe('UNAUTHENTICATED');
    expect((await users.graphql(LOGOUT, { token: session.refreshToken })).data!.logout).toBe(false);
    expect((await users.graphql(LOGOUT, { token: 'never-issued' })).data!.logout).toBe(false);
  });

  it('a password change ends every session', async () => {
    const session = await register(users, 'tess', 'tess-password-1');
    const change = await users.graphql(
      'mutation { updateMe(input: { password: "tess-password-2", currentPassword: "tess-password-1" }) { username } }',
      undefined,
      { viewer: session.viewer },
    );
    expect(change.errors).toBeUndefined();
    expect(codeOf(await users.graphql(REFRESH, { token: session.refreshToken }))).toBe('UNAUTHENTICATED');
    const wrongCurrent = await users.graphql(
      'mutation { updateMe(input: { password: "tess-password-3", currentPassword: "nope-nope" }) { username } }',
      undefined,
      { viewer: session.viewer },
    );
    expect(wrongCurrent.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
  });
});
