import type { Kysely } from 'kysely';
import { createDatabase, createPool } from '@supergraph/db';
import { createLogger } from '@supergraph/subgraph';
import { deleteDeadRefreshTokens, deleteEmptyRefreshTokenFamilies } from '../src/db/refresh-tokens';
import type { Database } from '../src/db/schema';
import { usersJobs } from '../src/jobs';
import { codeOf, LOGIN, register, startUsersSubgraph, type UsersSubgraph } from './support/users-subgraph';

let users: UsersSubgraph;
let db: Kysely<Database>;
beforeAll(async () => {
  users = await startUsersSubgraph();
  db = createDatabase<Database>(createPool({ connectionString: users.databaseUrl, maxConnections: 2 }));
});
afterAll(async () => {
  await db?.destroy();
  await users?.close();
});

const REFRESH = 'mutation Refresh($token: String!) { refreshToken(token: $token) { refreshToken } }';
const LOGOUT = 'mutation Logout($token: String!) { logout(refreshToken: $token) }';

async function refresh(token: string): Promise<string> {
  const result = await users.graphql(REFRESH, { token });
  if (result.errors) throw new Error(`refresh failed: ${JSON.stringify(result.errors)}`);
  return result.data!.refreshToken.refreshToken;
}

/** Moves a user's tokens' timestamp `column` back in time, for those where it is set. */
async function backdate(
  username: string,
  column: 'used_at' | 'revoked_at' | 'expires_at',
  interval: string,
): Promise<void> {
  await users.sql(
    `update refresh_tokens set ${column} = now() - $2::interval
      where ${column} is not null and user_id = (select id from users where username = $1)`,
    [username, interval],
  );
}

async function tokenCounts(): Promise<Record<string, number>> {
  const rows = await users.sql<{ username: string; tokens: number }>(
    `select u.username, count(t.id)::int as tokens from users u left join refresh_tokens t on t.user_id = u.id group by u.username`,
  );
  return Object.fromEntries(rows.map((row) => [row.username, row.tokens]));
}

describe('purge-refresh-tokens job', () => {
  it('deletes tokens expired or revoked over a day ago and expired login throttles; keeps rotated ones; live sessions keep working', async () => {
    const live = await register(users, 'lena');

    const rotatedLongAgo = await register(users, 'mark');
    const markCurrent = await refresh(rotatedLongAgo.refreshToken);
    await backdate('mark', 'used_at', '2 days');

    const rotatedRecently = await register(users, 'nina');
    const ninaCurrent = await refresh(rotatedRecently.refreshToken);

    const revokedLongAgo = await register(users, 'otto');
    await users.graphql(LOGOUT, { token: revokedLongAgo.refreshToken });
    await backdate('otto', 'revoked_at', '2 days');

    const revokedRecently = await register(users, 'pam');
    await users.graphql(LOGOUT, { token: revokedRecently.refreshToken });

    await register(users, 'quin');
    await backdate('quin', 'expires_at', '2 days');

    await register(users, 'ruth');
    await backdate('ruth', 'expires_at', '1 hour');

    // A failed login leaves a live throttle counter; a second counter's window ended a second ago.
    expect(codeOf(await users.graphql(LOGIN, { input: { username: 'lena', password: 'wrong-password' } }))).toBe(
      'UNAUTHENTICATED',
    );
    await users.sql(`insert into login_throttle (key, points, expire) values ('login:gone', 3, $1)`, [
      Date.now() - 1_000,
    ]);
    const throttlesBefore = await users.sql<{ key: string }>('select key from login_throttle order by key');
    expect(throttlesBefore.map(({ key }) => key)).toEqual(
      expect.arrayContaining(['login:gone', 'login_fail_user_ip:lena|192.0.2.1']),
    );

    const [purge] = usersJobs(db, createLogger('users-test', 'silent'));
    expect(purge).toMatchObject({ name: 'purge-refresh-tokens', cron: '0 3 * * *' });
    await purge!.run();

    expect(await tokenCounts()).toEqual({
      lena: 1, // live
      mark: 2, // rotated two days ago but not expired: kept, so its reuse is still caught as theft
      nina: 2, // rotated today: kept, so presenting it again is still caught as reuse
      otto: 0, // revoked two days ago
      pam: 1, // revoked today
      quin: 0, // expired two days ago
      ruth: 1, // expired an hour ago
    });
    const throttlesAfter = await users.sql<{ key: string }>('select key from login_throttle order by key');
    expect(throttlesAfter).toEqual(throttlesBefore.filter(({ key }) => key !== 'login:gone'));

    // Running again deletes nothing more.
    expect(await deleteDeadRefreshTokens(db, new Date(Date.now() - 24 * 60 * 60 * 1000))).toBe(0);

    // Live sessions still refresh.
    await refresh(live.refreshToken);
    const markNext = await refresh(markCurrent);
    // Replaying mark's token rotated two days ago is still detected as reuse and ends his session.
    expect(codeOf(await users.graphql(REFRESH, { token: rotatedLongAgo.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await users.graphql(REFRESH, { token: markNext }))).toBe('UNAUTHENTICATED');
    // Reuse of the recently rotated token is still detected: it ends nina's whole session.
    expect(codeOf(await users.graphql(REFRESH, { token: rotatedRecently.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await users.graphql(REFRESH, { token: ninaCurrent }))).toBe('UNAUTHENTICATED');

    // A family whose tokens are all gone goes too, once it is older than a day (otto's and quin's).
    await users.sql(`update refresh_token_families set created_at = created_at - interval '2 days'`);
    expect(await deleteEmptyRefreshTokenFamilies(db, new Date(Date.now() - 24 * 60 * 60 * 1000))).toBe(2);
    const families = await users.sql<{ username: string }>(
      'select u.username from refresh_token_families f join users u on u.id = f.user_id order by 1',
    );
    expect(families.map(({ username }) => username)).not.toEqual(expect.arrayContaining(['otto']));
    expect(families.map(({ username }) => username)).toEqual(expect.arrayContaining(['lena', 'mark', 'nina', 'pam']));
  });
});
