import { startStubSubgraph, type StubSubgraph } from '@supergraph/testing';
import { startGateway, startSupergraph, type ExtraGateway, type Supergraph } from './support/supergraph';

let supergraph: Supergraph;
let stub: StubSubgraph;
let gateway: ExtraGateway;

beforeAll(async () => {
  supergraph = await startSupergraph();
  // A stand-in subgraph that records the headers the gateway sends it.
  stub = await startStubSubgraph('echo', () => ({ echo: 'hello' }));
  gateway = await startGateway(supergraph, { production: true }, [
    {
      name: 'echo',
      url: stub.url,
      sdl: 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"]) type Query { echo: String }',
    },
  ]);
});
afterAll(async () => {
  await gateway.stop();
  await stub.close();
  await supergraph.close();
});

const metricsOf = async (baseUrl: string) => (await fetch(`${baseUrl}/metrics`)).text();
const sample = (metrics: string, name: string, labels: string) => {
  const line = metrics
    .split('\n')
    .find(
      (candidate) => candidate.startsWith(`${name}{`) && labels.split(',').every((label) => candidate.includes(label)),
    );
  return line ? Number(line.split(' ').at(-1)) : undefined;
};

describe('gateway observability', () => {
  it('/metrics shows the operations just run, by name and outcome, and the subgraph fetches they made', async () => {
    for (let run = 0; run < 3; run++) await gateway.query('query CountUsers { users { totalCount } }');
    await gateway.query('query Broken { nope }');
    const metrics = await metricsOf(gateway.baseUrl);
    expect(sample(metrics, 'supergraph_graphql_requests_total', 'operation="CountUsers",outcome="success"')).toBe(3);
    expect(sample(metrics, 'supergraph_graphql_requests_total', 'operation="Broken"')).toBe(1);
    expect(sample(metrics, 'supergraph_graphql_request_duration_seconds_count', 'operation="CountUsers"')).toBe(3);
    expect(
      sample(metrics, 'supergraph_subgraph_fetch_duration_seconds_count', 'subgraph="users",outcome="ok"'),
    ).toBeGreaterThanOrEqual(3);
  });

  it('sends subgraphs the request id and the caller’s trace, continued', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await gateway.query('query Echo { echo }', undefined, {
      'x-request-id': 'req-42',
      traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
    });
    const headers = stub.calls.at(-1)!.headers;
    expect(headers['x-request-id']).toBe('req-42');
    expect(headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(headers.traceparent).not.toContain('00f067aa0ba902b7');
  });

  it('starts a trace when the caller sends none, and never forwards a client’s claims header', async () => {
    await gateway.query('query Echo { echo }', undefined, { 'x-supergraph-claims': 'forged' });
    const { headers, claims } = stub.calls.at(-1)!;
    expect(headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    expect(claims).toMatchObject({ viewer: null, issuer: 'gateway' });
  });

  it('sends a subgraph only the viewer’s id and role and the client’s address: never the client’s token or other claims', async () => {
    const { viewer, auth } = await supergraph.signUp('minimal');
    await gateway.query('query Echo { echo }', undefined, auth);
    const { headers, claims } = stub.calls.at(-1)!;
    expect(headers.authorization).toBeUndefined();
    expect(JSON.stringify(headers)).not.toContain(auth.authorization!.slice('Bearer '.length));
    expect(claims.viewer).toEqual({ id: viewer.id, role: 'USER' });
    const payload = JSON.parse(
      Buffer.from(String(headers['x-supergraph-claims']).split('.')[1]!, 'base64url').toString(),
    );
    expect(Object.keys(payload).sort()).toEqual(['aud', 'cip', 'dig', 'exp', 'iat', 'iss', 'jti', 'role', 'sub']);
    expect(payload.cip).toMatch(/^(127\.0\.0\.1|::ffff:127\.0\.0\.1|::1)$/);
  });
});
