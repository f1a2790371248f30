// Authority is fresh: the users service decides admin and self operations on its own database at once, and
// every other subgraph stops honouring an older access token's role, or a deleted account, as soon as the
// gateway has read the users service's authority feed (every 10 s; here read on demand).
import { startGateway, startSupergraph, type Supergraph } from './support/supergraph';

let supergraph: Supergraph;
beforeAll(async () => {
  supergraph = await startSupergraph();
});
afterAll(() => supergraph.close());

const SET_ROLE = 'mutation($id: ID!, $role: Role!) { setUserRole(id: $id, role: $role) { id role } }';
const CREATE_PUZZLE = 'mutation($input: CreatePuzzleInput!) { createPuzzle(input: $input) { id } }';
let day = 0;
const puzzleInput = () => ({
  year: 2030,
  day: ++day,
  title: `Day ${day}`,
  description: 'Count.',
  input: '1 2 3',
  answerPart1: '6',
  answerPart2: '3',
});
const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code;

/** A signed-up user made ADMIN through setUserRole by a root admin; returns their ADMIN access token's header. */
async function admin(name: string, root: Record<string, string>) {
  const { viewer } = await supergraph.signUp(name);
  expect((await supergraph.query(SET_ROLE, { id: viewer.id, role: 'ADMIN' }, root)).data!.setUserRole.role).toBe(
    'ADMIN',
  );
  const login = await supergraph.query('mutation($input: LoginInput!) { login(input: $input) { accessToken } }', {
    input: { username: name, password: `${name}-password` },
  });
  return { viewer, auth: { authorization: `Bearer ${login.data!.login.accessToken}` } };
}

async function rootAdmin(name: string) {
  const { viewer } = await supergraph.signUp(name);
  await supergraph.subgraphs.users.sql("update users set role = 'ADMIN' where id = $1", [viewer.id]);
  return { authorization: `Bearer ${supergraph.accessTokenFor({ id: viewer.id, role: 'ADMIN' })}` };
}

describe('a demoted admin', () => {
  it('is refused admin operations by users at once, and by puzzle once the feed is read', async () => {
    const root = await rootAdmin('root_one');
    const demoted = await admin('demoted_admin', root);
    expect(codeOf(await supergraph.query(CREATE_PUZZLE, { input: puzzleInput() }, demoted.auth))).toBeUndefined();

    await supergraph.query(SET_ROLE, { id: demoted.viewer.id, role: 'USER' }, root);

    // users reads the role from its database: the old ADMIN token cannot promote its holder back.
    const selfPromotion = await supergraph.query(SET_ROLE, { id: demoted.viewer.id, role: 'ADMIN' }, demoted.auth);
    expect(codeOf(selfPromotion)).toBe('FORBIDDEN');
    await supergraph.gateway.refreshAuthority();
    const puzzle = await supergraph.query(CREATE_PUZZLE, { input: puzzleInput() }, demoted.auth);
    expect(codeOf(puzzle)).toBe('FORBIDDEN');
    // Their refresh tokens were revoked with the change; a new login carries the new role.
    const me = await supergraph.query('{ me { role } }', undefined, demoted.auth);
    expect(me.data!.me.role).toBe('USER');
  });
});

describe('a deleted user', () => {
  it('has their token refused by users at once and everywhere once the feed is read', async () => {
    const { viewer, auth } = await supergraph.signUp('soon_gone');
    expect(
      codeOf(await supergraph.query('mutation { createZoo(input: { name: "Before" }) { id } }', undefined, auth)),
    ).toBeUndefined();

    expect(
      (await supergraph.query('mutation($id: ID!) { deleteUser(id: $id) }', { id: viewer.id }, auth)).data!.deleteUser,
    ).toBe(true);
    // users: the account is gone, so self operations are refused straight away.
    expect(
      codeOf(await supergraph.query('mutation { updateMe(input: { username: "ghost" }) { id } }', undefined, auth)),
    ).toBe('UNAUTHENTICATED');

    await supergraph.gateway.refreshAuthority();
    const zoo = await supergraph.query('mutation { createZoo(input: { name: "After" }) { id } }', undefined, auth);
    expect(zoo.status).toBe(401);
    expect(codeOf(zoo)).toBe('UNAUTHENTICATED');
    expect((await supergraph.query('{ me { id } }', undefined, auth)).status).toBe(401);
  });
});

describe('the authority feed', () => {
  it('is not reachable through the gateway', async () => {
    const result = await supergraph.query('{ _authorityChanges(since: "2020-01-01T00:00:00Z") { subject } }');
    expect(result.status).toBe(400);
    expect(codeOf(result)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('when it cannot be read for longer than allowed, admin tokens act as USER (fail closed) and /ready says so', async () => {
    const root = await rootAdmin('root_two');
    const isolated = await startGateway(supergraph, {
      authority: { usersUrl: 'http://127.0.0.1:9/graphql', staleAfterMs: 0 },
    });
    try {
      await isolated.server.refreshAuthority();
      const puzzle = await isolated.query(CREATE_PUZZLE, { input: puzzleInput() }, root);
      expect(codeOf(puzzle.body)).toBe('FORBIDDEN');
      expect((await fetch(`${isolated.baseUrl}/ready`)).status).toBe(503);
      // Why, on the operations port only.
      const ready = await fetch(new URL('/ready', isolated.metricsUrl));
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ authorityFeed: 'stale' });
    } finally {
      await isolated.stop();
    }
  });
});
