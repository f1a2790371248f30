import { startGateway, startSupergraph, type ExtraGateway, type Supergraph } from './support/supergraph';

let supergraph: Supergraph;
let gateway: ExtraGateway;
let auth: Record<string, string>;

beforeAll(async () => {
  supergraph = await startSupergraph();
  gateway = await startGateway(supergraph, { production: true });
  ({ auth } = await supergraph.signUp('cred_holder'));
});
afterAll(async () => {
  await gateway.stop();
  await supergraph.close();
});

/** How many fetches the gateway has sent to the users subgraph so far (from its own metrics). */
async function usersFetches(): Promise<number> {
  const metrics = await (await fetch(gateway.metricsUrl)).text();
  return [
    ...metrics.matchAll(/^supergraph_subgraph_fetch_duration_seconds_count\{[^}]*subgraph="users"[^}]*\} (\d+)/gm),
  ].reduce((sum, match) => sum + Number(match[1]), 0);
}

function expectRefused(response: { status: number; body: any }) {
  expect(response.status).toBe(400);
  expect(response.body.errors[0]).toMatchObject({
    message: expect.stringMatching(/at most one credential mutation/),
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
  });
  expect(response.body.data).toBeUndefined();
}

const LOGIN = (alias: string) =>
  `${alias}: login(input: { username: "cred_holder", password: "wrong-password-${alias}" }) { accessToken }`;

describe('one credential mutation per operation', () => {
  it('refuses three aliased logins before the users service hears of them', async () => {
    const before = await usersFetches();
    expectRefused(await gateway.query(`mutation { ${LOGIN('a')} ${LOGIN('b')} ${LOGIN('c')} }`));
    expect(await usersFetches()).toBe(before);
  });

  it('refuses aliased registrations without creating any account', async () => {
    const register = (name: string) =>
      `${name}: register(input: { username: "${name}", email: "${name}@example.com", password: "${name}-password" }) { accessToken }`;
    expectRefused(await gateway.query(`mutation { ${register('alias_one')} ${register('alias_two')} }`));
    const accounts = await supergraph.subgraphs.users.sql(
      "SELECT username FROM users WHERE username IN ('alias_one', 'alias_two')",
    );
    expect(accounts).toEqual([]);
  });

  it.each([
    [
      'login and register',
      `mutation { ${LOGIN('a')} register(input: { username: "x_y_z", email: "x@example.com", password: "longenough" }) { accessToken } }`,
      {},
    ],
    [
      'two logins through a fragment',
      `mutation { ...Twice } fragment Twice on Mutation { ${LOGIN('a')} ${LOGIN('b')} }`,
      {},
    ],
    ['a login and refreshToken', `mutation { ${LOGIN('a')} refreshToken(token: "whatever") { accessToken } }`, {}],
    [
      'a login and updateMe with an inline password',
      `mutation { ${LOGIN('a')} updateMe(input: { password: "new-password", currentPassword: "cred_holder-password" }) { id } }`,
      {},
    ],
    [
      'a login and updateMe with a password in its input variable',
      `mutation($input: UpdateMeInput!) { ${LOGIN('a')} updateMe(input: $input) { id } }`,
      { input: { password: 'new-password', currentPassword: 'cred_holder-password' } },
    ],
    [
      'a login and updateMe with a password variable',
      `mutation($password: String) { ${LOGIN('a')} updateMe(input: { password: $password, currentPassword: "x" }) { id } }`,
      { password: 'new-password' },
    ],
  ])('refuses %s', async (_what, query, variables) => {
    const before = await usersFetches();
    expectRefused(await gateway.query(query, variables, auth));
    expect(await usersFetches()).toBe(before);
  });

  it('lets one login through, and an updateMe that changes no password beside it', async () => {
    const before = await usersFetches();
    const login = await gateway.query(
      'mutation { login(input: { username: "cred_holder", password: "cred_holder-password" }) { accessToken } }',
    );
    expect(login.status).toBe(200);
    expect(login.body.data.login.accessToken).toEqual(expect.any(String));
    expect(await usersFetches()).toBeGreaterThan(before); // the count the refusals above compare with moves

    const both = await gateway.query(
      `mutation($input: UpdateMeInput!, $password: String) {
        login(input: { username: "cred_holder", password: "cred_holder-password" }) { accessToken }
        updateMe(input: $input) { email }
        again: updateMe(input: { password: $password }) { email }
      }`,
      { input: { email: 'cred_holder@example.org' }, password: null },
      auth,
    );
    expect(both.status).toBe(200);
    expect(both.body.errors).toBeUndefined();
    expect(both.body.data.updateMe.email).toBe('cred_holder@example.org');
  });
});
