// Credential mutations cost the service a password hash (or a session) each, so a client address gets only
// a few a minute, and the process runs only a bounded number of password hashes at once: past that,
// RATE_LIMITED with retryAfter instead of a thread pool queue that starves everything else.
import { codeOf, LOGIN, register, startUsersSubgraph, type UsersSubgraph } from './support/users-subgraph';

const REFRESH = 'mutation Refresh($token: String!) { refreshToken(token: $token) { refreshToken } }';
const UPDATE_ME = 'mutation UpdateMe($input: UpdateMeInput!) { updateMe(input: $input) { username } }';

describe('credential mutations per client address', () => {
  let users: UsersSubgraph;
  beforeAll(async () => {
    users = await startUsersSubgraph({ credentialLimit: { attempts: 4, windowSeconds: 60 } });
  });
  afterAll(() => users.close());

  it('register, login, refreshToken and updateMe with a password share one budget per address; other addresses are unaffected', async () => {
    const attacker = { clientAddress: '203.0.113.10' };
    const session = await register({ graphql: (query, variables) => users.graphql(query, variables, attacker) }, 'kim');
    const viewer = { ...attacker, viewer: session.viewer };
    expect(
      (await users.graphql(LOGIN, { input: { username: 'kim', password: 'correct horse battery' } }, attacker)).errors,
    ).toBeUndefined();
    expect((await users.graphql(REFRESH, { token: session.refreshToken }, attacker)).errors).toBeUndefined();
    // A profile change without a password is not a credential mutation: it costs nothing.
    expect((await users.graphql(UPDATE_ME, { input: { email: 'kim2@example.com' } }, viewer)).errors).toBeUndefined();
    const passwordChange = {
      input: { password: 'a brand new password', currentPassword: 'correct horse battery' },
    };
    expect((await users.graphql(UPDATE_ME, passwordChange, viewer)).errors).toBeUndefined();

    const refused = await users.graphql(
      LOGIN,
      { input: { username: 'kim', password: 'a brand new password' } },
      attacker,
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(refused.errors![0]!.extensions!.retryAfter).toBeGreaterThan(0);
    expect(refused.errors![0]!.extensions!.retryAfter).toBeLessThanOrEqual(60);
    expect(codeOf(await users.graphql(REFRESH, { token: 'anything' }, attacker))).toBe('RATE_LIMITED');

    const neighbour = { clientAddress: '198.51.100.20' };
    const ok = await users.graphql(LOGIN, { input: { username: 'kim', password: 'a brand new password' } }, neighbour);
    expect(ok.errors).toBeUndefined();
  });
});

describe('password hashes at once', () => {
  let users: UsersSubgraph;
  beforeAll(async () => {
    users = await startUsersSubgraph({ passwordHashing: { concurrency: 1, maxWaiting: 1 } });
  });
  afterAll(() => users.close());

  it('past the bound, logins are refused with RATE_LIMITED and retryAfter; one at a time they all work', async () => {
    await register(users, 'lou', 'lou-password-1');
    // Every login from its own address, so no per-address limit takes part.
    const loginFrom = (n: number) =>
      users.graphql(
        LOGIN,
        { input: { username: 'lou', password: 'lou-password-1' } },
        { clientAddress: `203.0.113.${n}` },
      );

    const burst = await Promise.all(Array.from({ length: 20 }, (_, n) => loginFrom(n + 100)));
    const refused = burst.filter((result) => codeOf(result) === 'RATE_LIMITED');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 1 });
    // What was not refused ran, and succeeded: the bound drops work, it never fails a checked login.
    expect(burst.filter((result) => !result.errors)).toHaveLength(20 - refused.length);

    // A refused attempt spent no failure: the account is not locked, and a normal login goes through.
    for (let n = 0; n < 3; n++) expect((await loginFrom(n + 150)).errors).toBeUndefined();
  });
});
