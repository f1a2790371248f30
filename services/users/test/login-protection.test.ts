// Failed logins cost the guesser, not the account's owner: counted per username and address, consumed before
// the password is checked, with a failure budget per address and lockouts that grow.
import { codeOf, LOGIN, register, startUsersSubgraph, type UsersSubgraph } from './support/users-subgraph';

const ADDRESS_BUDGET = 10;
let users: UsersSubgraph;
beforeAll(async () => {
  users = await startUsersSubgraph({
    loginProtection: { addressMaxFailures: ADDRESS_BUDGET },
    // This file is about failed logins: the per-address limit on all credential mutations is another test's.
    credentialLimit: { attempts: 10_000 },
    passwordHashing: { maxWaiting: 200 },
  });
});
afterAll(() => users.close());

// Each story uses its own addresses (TEST-NET-2 and -3), so one story's failures spend no other's budget.
const login = (username: string, password: string, clientAddress = '198.51.100.1') =>
  users.graphql(LOGIN, { input: { username, password } }, { clientAddress });
const retryAfterOf = (result: Awaited<ReturnType<typeof login>>) => result.errors?.[0]?.extensions?.retryAfter;

describe('login protection', () => {
  it('after 5 failures, locks the username out from that address (even with the right password) with RATE_LIMITED and retryAfter', async () => {
    await register(users, 'uma', 'uma-password-1');
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(codeOf(await login('uma', `wrong-${attempt}-pw`, '198.51.100.2'))).toBe('UNAUTHENTICATED');
    }
    const locked = await login('uma', 'uma-password-1', '198.51.100.2');
    expect(locked.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(retryAfterOf(locked)).toBeGreaterThan(0);
    expect(retryAfterOf(locked)).toBeLessThanOrEqual(900);
    // Case does not open a second budget.
    expect(codeOf(await login('UMA', 'uma-password-1', '198.51.100.2'))).toBe('RATE_LIMITED');
  });

  it('an attacker at another address cannot lock the owner out: the owner logs in from their own address', async () => {
    await register(users, 'olive', 'olive-password-1');
    const attacker = '203.0.113.66';
    for (let attempt = 1; attempt <= 8; attempt++) await login('olive', `guess-${attempt}`, attacker);
    expect(codeOf(await login('olive', 'olive-password-1', attacker))).toBe('RATE_LIMITED');

    const owner = await login('olive', 'olive-password-1', '198.51.100.3');
    expect(owner.errors).toBeUndefined();
    expect(owner.data!.login.user.username).toBe('olive');
  });

  it('counts per username: another account is unaffected from the same address', async () => {
    await register(users, 'vic', 'vic-password-1');
    await register(users, 'wes', 'wes-password-1');
    for (let attempt = 1; attempt <= 5; attempt++) await login('vic', 'wrong-password', '198.51.100.4');
    expect(codeOf(await login('vic', 'vic-password-1', '198.51.100.4'))).toBe('RATE_LIMITED');
    expect((await login('wes', 'wes-password-1', '198.51.100.4')).errors).toBeUndefined();
  });

  it('a successful login clears earlier failures', async () => {
    await register(users, 'xena', 'xena-password-1');
    for (let attempt = 1; attempt <= 4; attempt++) await login('xena', 'wrong-password', '198.51.100.5');
    expect((await login('xena', 'xena-password-1', '198.51.100.5')).errors).toBeUndefined();
    for (let attempt = 1; attempt <= 4; attempt++) await login('xena', 'wrong-password', '198.51.100.5');
    expect((await login('xena', 'xena-password-1', '198.51.100.5')).errors).toBeUndefined();
  });

  it('each further lockout of the same username and address lasts twice as long', async () => {
    await register(users, 'yara', 'yara-password-1');
    const address = '198.51.100.6';
    const lockOut = async () => {
      for (let attempt = 1; attempt <= 5; attempt++) await login('yara', 'wrong-password', address);
      return retryAfterOf(await login('yara', 'yara-password-1', address));
    };
    const first = await lockOut();
    expect(first).toBeGreaterThan(899);
    expect(first).toBeLessThanOrEqual(900);
    // The first lockout ends (its counter's time is up, as if 15 minutes had passed).
    await users.sql(`update login_throttle set expire = $1 where key = 'login_fail_user_ip:yara|${address}'`, [
      Date.now() - 1,
    ]);
    const second = await lockOut();
    expect(second).toBeGreaterThan(1799);
    expect(second).toBeLessThanOrEqual(1800);
  });

  it('100 concurrent wrong guesses for one account: at most 5 are checked, the rest are refused unchecked', async () => {
    await register(users, 'zane', 'zane-password-1');
    const guesses = await Promise.all(
      Array.from({ length: 100 }, (_, n) => login('zane', `concurrent-guess-${n}`, '198.51.100.7')),
    );
    const codes = guesses.map(codeOf);
    expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(5);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(95);
    // The owner, from their own address, is unaffected.
    expect((await login('zane', 'zane-password-1', '198.51.100.8')).errors).toBeUndefined();
  });

  it('100 concurrent wrong guesses across accounts from one address: at most the address budget is checked', async () => {
    await register(users, 'abby', 'abby-password-1');
    const attacker = '203.0.113.99';
    const guesses = await Promise.all(
      Array.from({ length: 100 }, (_, n) => login(`someone_${n}`, 'password-guess', attacker)),
    );
    const codes = guesses.map(codeOf);
    expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(ADDRESS_BUDGET);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(100 - ADDRESS_BUDGET);
    expect(guesses.find((guess) => codeOf(guess) === 'RATE_LIMITED')!.errors![0]!.message).toMatch(/your address/);
    // Even the right password is not checked from that address now; from any other it works.
    expect(codeOf(await login('abby', 'abby-password-1', attacker))).toBe('RATE_LIMITED');
    expect((await login('abby', 'abby-password-1', '198.51.100.9')).errors).toBeUndefined();
  });

  it('an IPv6 client is counted by its /64: hopping addresses inside it opens no new budget', async () => {
    const guesses = await Promise.all(
      Array.from({ length: ADDRESS_BUDGET + 5 }, (_, n) =>
        login(`v6_target_${n}`, 'password-guess', `2001:db8:0:1::${(n + 1).toString(16)}`),
      ),
    );
    expect(guesses.filter((guess) => codeOf(guess) === 'UNAUTHENTICATED')).toHaveLength(ADDRESS_BUDGET);
    // Another /64 is another client.
    expect(codeOf(await login('v6_target_0', 'password-guess', '2001:db8:0:2::1'))).toBe('UNAUTHENTICATED');
  });
});
