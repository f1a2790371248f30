import { codeOf, REGISTER, register, startUsersSubgraph, type UsersSubgraph } from './support/users-subgraph';

let users: UsersSubgraph;
beforeAll(async () => {
  users = await startUsersSubgraph();
});
afterAll(() => users.close());

const countUsers = async () => Number((await users.sql<{ count: string }>('select count(*) from users'))[0]!.count);

describe('input validation', () => {
  it.each([
    ['username', { username: 'ab', email: 'ok@example.com', password: 'long enough' }],
    ['username', { username: 'x'.repeat(33), email: 'ok@example.com', password: 'long enough' }],
    ['username', { username: 'has space', email: 'ok@example.com', password: 'long enough' }],
    ['username', { username: 'émile', email: 'ok@example.com', password: 'long enough' }],
    ['email', { username: 'valid_name', email: 'not-an-email', password: 'long enough' }],
    ['password', { username: 'valid_name', email: 'ok@example.com', password: 'short' }],
    ['password', { username: 'valid_name', email: 'ok@example.com', password: 'p'.repeat(129) }],
  ])('rejects a bad %s with BAD_USER_INPUT naming the field, and writes nothing', async (field, input) => {
    const before = await countUsers();
    const result = await users.graphql(REGISTER, { input });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.data).toBeNull();
    expect(await countUsers()).toBe(before);
  });

  it('refuses a username that differs only in case with CONFLICT', async () => {
    await register(users, 'Heidi');
    const before = await countUsers();
    const result = await users.graphql(REGISTER, {
      input: { username: 'heidi', email: 'other@example.com', password: 'long enough' },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'username' });
    expect(await countUsers()).toBe(before);
  });

  it('refuses an email that is already registered with CONFLICT', async () => {
    await register(users, 'ivan');
    const result = await users.graphql(REGISTER, {
      input: { username: 'ivan2', email: 'IVAN@example.com', password: 'long enough' },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
  });

  it('rejects an oversized page and a forged cursor on the users list', async () => {
    expect((await users.graphql('{ users(first: 101) { totalCount } }')).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    expect((await users.graphql('{ users(after: "bm9wZQ") { totalCount } }')).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it('validates updateMe the same way and leaves the account unchanged', async () => {
    const { viewer } = await register(users, 'judy');
    const result = await users.graphql(
      'mutation { updateMe(input: { username: "j", email: "new@example.com" }) { username } }',
      undefined,
      { viewer },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'username' });
    const [row] = await users.sql<{ username: string; email: string }>(
      'select username, email from users where id = $1',
      [viewer.id],
    );
    expect(row).toEqual({ username: 'judy', email: 'judy@example.com' });
    expect(codeOf(await users.graphql('mutation { updateMe(input: { email: "x@example.com" }) { id } }'))).toBe(
      'UNAUTHENTICATED',
    );
  });
});
