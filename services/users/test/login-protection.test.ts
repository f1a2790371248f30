import { codeOf, LOGIN, register, startUsersSubgraph, type UsersSubgraph } from './support/users-subgraph';

let users: UsersSubgraph;
beforeAll(async () => {
  users = await startUsersSubgraph();
});
afterAll(() => users.close());

const login = (username: string, password: string) => users.graphql(LOGIN, { input: { username, password } });

describe('failed-login throttle', () => {
  it('after 5 failures, locks the username out (even with the right password) with RATE_LIMITED and retryAfter', async () => {
    await register(users, 'uma', 'uma-password-1');
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(codeOf(await login('uma', `wrong-${attempt}-pw`))).toBe('UNAUTHENTICATED');
    }
    const locked = await login('uma', 'uma-password-1');
    expect(locked.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    const retryAfter = locked.errors![0]!.extensions!.retryAfter;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // Case does not open a second budget.
    expect(codeOf(await login('UMA', 'uma-password-1'))).toBe('RATE_LIMITED');
  });

  it('counts per username: another account is unaffected', async () => {
    await register(users, 'vic', 'vic-password-1');
    await register(users, 'wes', 'wes-password-1');
    for (let attempt = 1; attempt <= 5; attempt++) await login('vic', 'wrong-password');
    expect(codeOf(await login('vic', 'vic-password-1'))).toBe('RATE_LIMITED');
    expect((await login('wes', 'wes-password-1')).errors).toBeUndefined();
  });

  it('a successful login clears earlier failures', async () => {
    await register(users, 'xena', 'xena-password-1');
    for (let attempt = 1; attempt <= 4; attempt++) await login('xena', 'wrong-password');
    expect((await login('xena', 'xena-password-1')).errors).toBeUndefined();
    for (let attempt = 1; attempt <= 4; attempt++) await login('xena', 'wrong-password');
    expect((await login('xena', 'xena-password-1')).errors).toBeUndefined();
  });
});
