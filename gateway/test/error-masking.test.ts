import { startFaultySubgraph, FAULTY_SDL, type FaultySubgraph } from './support/faulty-subgraph';
import { startGateway, startSupergraph, type ExtraGateway, type Supergraph } from './support/supergraph';

let supergraph: Supergraph;
let faulty: FaultySubgraph;
let gateway: ExtraGateway;

beforeAll(async () => {
  supergraph = await startSupergraph();
  faulty = await startFaultySubgraph();
  gateway = await startGateway(supergraph, { production: true }, [
    { name: 'faulty', url: faulty.url, sdl: FAULTY_SDL },
  ]);
});
afterAll(async () => {
  await gateway.stop();
  await faulty.stop();
  await supergraph.close();
});

describe('what clients see of errors (production)', () => {
  it('answers a wrong name the same whether or not a near match exists: no "Did you mean", no placeholder', async () => {
    // Each pair: a typo of a real name, and a name nothing resembles; only the name itself may differ.
    const pairs: [string, string, string, string][] = [
      ['{ userz { totalCount } }', 'userz', '{ qqqqqqqq { totalCount } }', 'qqqqqqqq'],
      ['{ users(firts: 1) { totalCount } }', 'firts', '{ users(qqqqq: 1) { totalCount } }', 'qqqqq'],
      ['{ users { totalCont } }', 'totalCont', '{ users { qqqqqqqqq } }', 'qqqqqqqqq'],
      ['query($r: Rol) { users { totalCount } }', 'Rol', 'query($r: Qqq) { users { totalCount } }', 'Qqq'],
    ];
    for (const [typo, typoName, unlike, unlikeName] of pairs) {
      const [near, far] = [await gateway.query(typo), await gateway.query(unlike)];
      expect(near.status).toBe(far.status);
      const messages = [near, far].map((response) => response.body.errors.map((error: any) => error.message));
      expect(messages[0].map((message: string) => message.replaceAll(typoName, 'NAME'))).toEqual(
        messages[1].map((message: string) => message.replaceAll(unlikeName, 'NAME')),
      );
      expect(near.text).not.toMatch(/Did you mean|Suggestion hidden|\?"/);
    }
    // An enum value in the variables (coerced, not validated): the same.
    const role = (value: string) =>
      gateway.query('mutation($id: ID!, $role: Role!) { setUserRole(id: $id, role: $role) { id } }', {
        id: '00000000-0000-0000-0000-000000000000',
        role: value,
      });
    const [nearRole, farRole] = [await role('ADMN'), await role('QQQQ')];
    expect([nearRole.status, nearRole.body.errors[0].extensions]).toEqual([
      400,
      { code: 'BAD_USER_INPUT', field: 'role' },
    ]);
    expect(nearRole.body.errors[0].message.replaceAll('ADMN', 'V')).toBe(
      farRole.body.errors[0].message.replaceAll('QQQQ', 'V'),
    );
    expect(nearRole.text).not.toMatch(/Did you mean|Suggestion hidden/);
  });

  it('answers variables that do not fit their types with 400 BAD_USER_INPUT, not an internal error (found by fuzzing)', async () => {
    const query = 'query($first: Int, $filter: ZooFilter) { zoos(first: $first, filter: $filter) { totalCount } }';
    for (const variables of [{ first: 'ten' }, { first: [1] }, { filter: 'zoo' }, { filter: { nope: 1 } }]) {
      const response = await gateway.query(query, variables);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: Object.keys(variables)[0] });
    }
    const fitting = await gateway.query(query, { first: 1, filter: {} });
    expect(fitting.body.data.zoos.totalCount).toEqual(expect.any(Number));
  });

  it('answers a DateTime or Date that does not parse as a client error, as the subgraph would (found by fuzzing)', async () => {
    const update = 'mutation($id: ID!, $input: UpdateAnimalInput!) { updateAnimal(id: $id, input: $input) { id } }';
    const id = '00000000-0000-0000-0000-000000000000';
    for (const birthDate of ['+102217-07-01', '2025-13-45', 'soon']) {
      const inVariables = await gateway.query(update, { id, input: { birthDate } });
      expect([inVariables.status, inVariables.body.errors[0].extensions]).toEqual([
        400,
        { code: 'BAD_USER_INPUT', field: 'input' },
      ]);
      const inline = await gateway.query(
        `mutation { updateAnimal(id: "${id}", input: { birthDate: "${birthDate}" }) { id } }`,
      );
      expect([inline.status, inline.body.errors[0].extensions.code]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
    }
    // A valid date reaches the subgraph, which answers as usual (no token: UNAUTHENTICATED).
    const valid = await gateway.query(update, { id, input: { birthDate: '2020-02-29' } });
    expect(valid.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers a malformed persisted-query extension with 400 BAD_REQUEST, not an internal error (found by fuzzing)', async () => {
    for (const persistedQuery of [
      { version: 2, sha256Hash: 'ab' },
      { version: ['x'], sha256Hash: 3 },
      { version: 1, sha256Hash: 'not the hash of the query' },
    ]) {
      const response = await gateway.post({ query: '{ users { totalCount } }', extensions: { persistedQuery } });
      expect([response.status, response.body.errors[0].extensions]).toEqual([400, { code: 'BAD_REQUEST' }]);
    }
  });

  it('answers an operationName that names no operation with 400, not an internal error (found by fuzzing)', async () => {
    for (const body of [
      { query: '{ users { totalCount } }', operationName: 'Missing' },
      { query: 'query A { users { totalCount } } query B { me { id } }' },
    ]) {
      const response = await gateway.post(body);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].extensions).toEqual({ code: 'BAD_REQUEST' });
    }
    const named = await gateway.post({
      query: 'query A { users { totalCount } } query B { me { id } }',
      operationName: 'A',
    });
    expect(named.body.data.users.totalCount).toEqual(expect.any(Number));
  });

  it('still tells a developer what they meant outside production', async () => {
    const development = await startGateway(supergraph, { production: false });
    try {
      expect((await development.query('{ userz { totalCount } }')).text).toMatch(/Did you mean .*users/);
    } finally {
      await development.stop();
    }
  });

  it('masks a resolver that throws: no message, stack, service name, URL or response body', async () => {
    const response = await gateway.query('{ faultyThrow }');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      errors: [
        { message: 'Internal server error', path: ['faultyThrow'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ],
      data: { faultyThrow: null },
    });
  });

  it('masks a database error inside a real subgraph', async () => {
    await supergraph.subgraphs.zoo.sql('alter table zoos rename to zoos_gone');
    try {
      const response = await gateway.query('{ zoos { totalCount } }');
      expect(response.body).toEqual({
        errors: [{ message: 'Internal server error', path: ['zoos'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        data: null,
      });
      expect(response.text).not.toMatch(/zoos_gone|relation|select|127\.0\.0\.1/i);
    } finally {
      await supergraph.subgraphs.zoo.sql('alter table zoos_gone rename to zoos');
    }
  });

  it('passes known error codes with their message and safe extensions only', async () => {
    const response = await gateway.query(
      'mutation { register(input: { username: "x", email: "x@example.com", password: "long enough" }) { accessToken } }',
    );
    expect(response.body.errors).toEqual([
      {
        message: 'Username must be 3 to 32 characters',
        path: ['register'],
        extensions: { code: 'BAD_USER_INPUT', field: 'username' },
      },
    ]);
  });
});
