import { startFaultySubgraph, FAULTY_SDL, type FaultySubgraph } from './support/faulty-subgraph';
import { startGateway, startSupergraph, type ExtraGateway, type Supergraph } from './support/supergraph';

let supergraph: Supergraph;
let faulty: FaultySubgraph;
let gateway: ExtraGateway;

beforeAll(async () => {
  supergraph = await startSupergraph();
  faulty = await startFaultySubgraph();
  gateway = await startGateway(supergraph, { production: true, subgraphTimeouts: { faulty: 1_000 } }, [
    { name: 'faulty', url: faulty.url, sdl: FAULTY_SDL },
  ]);
});
afterAll(async () => {
  await gateway.stop();
  await faulty.stop();
  await supergraph.close();
});

const MIXED = '{ users { totalCount } faultyEcho(text: "hello") }';

describe('a slow or dead subgraph', () => {
  it('answers normally while the subgraph is healthy', async () => {
    expect((await gateway.query(MIXED)).body.data).toEqual({
      users: { totalCount: expect.any(Number) },
      faultyEcho: 'hello',
    });
  });

  it('paused (SIGSTOP): the query gets partial data and a masked error once the timeout passes, while other queries keep answering', async () => {
    faulty.process.kill('SIGSTOP');
    try {
      const mixed = gateway.query(MIXED);
      // While the paused subgraph holds that query, queries that do not touch it answer at once.
      for (let attempt = 0; attempt < 3; attempt++) {
        const other = await gateway.query('{ users { totalCount } }');
        expect(other.body.data.users.totalCount).toEqual(expect.any(Number));
      }
      const response = await mixed;
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({ users: { totalCount: expect.any(Number) }, faultyEcho: null });
      // A failed fetch has no field path; what matters is that nothing about the subgraph leaks.
      expect(response.body.errors).toEqual([
        { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ]);
    } finally {
      faulty.process.kill('SIGCONT');
    }
  });

  it('killed: the same partial answer, and the gateway stays up', async () => {
    await faulty.stop();
    const response = await gateway.query(MIXED);
    expect(response.body.data).toEqual({ users: { totalCount: expect.any(Number) }, faultyEcho: null });
    expect(response.body.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect((await fetch(`${gateway.baseUrl}/health`)).status).toBe(200);
    expect((await fetch(`${gateway.baseUrl}/ready`)).status).toBe(503);
  });
});
