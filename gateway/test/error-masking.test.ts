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
