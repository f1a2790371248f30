// A refresh-token family's revocation and a rotation in that family are ordered by a lock on the family's
// row: a revocation (reuse of a rotated token, a logout, a password change) that lands while a rotation runs
// can never leave the rotation's new token alive.
import { codeOf, register, startUsersSubgraph, type UsersSubgraph } from './support/users-subgraph';

let users: UsersSubgraph;
beforeAll(async () => {
  users = await startUsersSubgraph({ credentialLimit: { attempts: 10_000 }, passwordHashing: { maxWaiting: 100 } });
});
afterAll(() => users.close());

const REFRESH = 'mutation Refresh($token: String!) { refreshToken(token: $token) { refreshToken } }';
const refresh = (token: string) => users.graphql(REFRESH, { token });

async function rotated(token: string): Promise<string> {
  const result = await refresh(token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.refreshToken.refreshToken;
}

describe('refresh rotation against family revocation', () => {
  it('reuse of a rotated token, concurrent with the holder’s rotation, leaves no live token in the family', async () => {
    const FAMILIES = 40;
    const sessions = await Promise.all(
      Array.from({ length: FAMILIES }, async (_, n) => {
        const { refreshToken: first } = await register(users, `racer_${n}`);
        return { stolen: first, current: await rotated(first) };
      }),
    );
    // Each family at once: the thief replays the rotated token (theft: the family is revoked) while the holder
    // rotates the current one.
    const outcomes = await Promise.all(
      sessions.map(async ({ stolen, current }) => {
        const [replay, rotation] = await Promise.all([refresh(stolen), refresh(current)]);
        return { replay, rotation };
      }),
    );
    for (const { replay } of outcomes) expect(codeOf(replay)).toBe('UNAUTHENTICATED');

    // Whatever the rotation returned is dead: the family was revoked, before or after it.
    const issued = outcomes.flatMap(({ rotation }) =>
      rotation.errors ? [] : [rotation.data!.refreshToken.refreshToken],
    );
    for (const token of issued) expect(codeOf(await refresh(token))).toBe('UNAUTHENTICATED');
    const live = await users.sql<{ count: string }>(
      `select count(*) from refresh_tokens t join users u on u.id = t.user_id
        where u.username like 'racer_%' and t.used_at is null and t.revoked_at is null and t.expires_at > now()`,
    );
    expect(Number(live[0]!.count)).toBe(0);
  });

  it('a logout concurrent with many rotations of the session leaves nothing alive; other sessions are unaffected', async () => {
    const { refreshToken } = await register(users, 'logout_racer');
    const bystander = await register(users, 'bystander');
    let current = refreshToken;
    for (let round = 0; round < 20; round++) {
      // The client rotates while another tab logs out with the same (current) token.
      const [rotation] = await Promise.all([
        refresh(current),
        users.graphql('mutation Logout($token: String!) { logout(refreshToken: $token) }', { token: current }),
      ]);
      if (!rotation.errors)
        expect(codeOf(await refresh(rotation.data!.refreshToken.refreshToken))).toBe('UNAUTHENTICATED');
      current = (await register(users, `logout_racer_${round}`)).refreshToken;
    }
    expect((await refresh(bystander.refreshToken)).errors).toBeUndefined();
  });

  it('a normal client rotates as before', async () => {
    const { refreshToken } = await register(users, 'steady');
    let token = refreshToken;
    for (let round = 0; round < 5; round++) token = await rotated(token);
    expect((await refresh(token)).errors).toBeUndefined();
  });
});
