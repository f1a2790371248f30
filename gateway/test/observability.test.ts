import http from 'node:http';
import type { AddressInfo } from 'node:net';
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

const metricsOf = async (metricsUrl: string) => (await fetch(metricsUrl)).text();
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
    const metrics = await metricsOf(gateway.metricsUrl);
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

/** A subgraph stand-in that only counts the readiness probes (GET /health) it receives. */
async function startProbeCounter() {
  const counter = { probes: 0, url: '', close: async () => undefined as void };
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/health') counter.probes++;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  counter.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  counter.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return counter;
}

describe('the gateway’s public port and its operations port', () => {
  it('serves /metrics on the operations port only, never to clients', async () => {
    const publicMetrics = await fetch(`${gateway.baseUrl}/metrics`);
    expect(publicMetrics.status).toBe(404);
    expect(await publicMetrics.text()).not.toContain('supergraph_');
    // A client's query still works, and the operator still sees it.
    expect((await gateway.query('query Counted { users { totalCount } }')).body.data.users.totalCount).toEqual(
      expect.any(Number),
    );
    expect(new URL(gateway.metricsUrl).port).not.toBe(new URL(gateway.baseUrl).port);
    expect(
      sample(await metricsOf(gateway.metricsUrl), 'supergraph_graphql_requests_total', 'operation="Counted"'),
    ).toBe(1);
  });

  it('answers /ready with a status and no internal address; the details are on the operations port', async () => {
    const ready = await fetch(`${gateway.baseUrl}/ready`);
    expect(ready.status).toBe(200);
    const text = await ready.text();
    expect(JSON.parse(text)).toEqual({ status: 'ready' });
    for (const { url } of Object.values(supergraph.subgraphs)) expect(text).not.toContain(new URL(url).host);
    expect(text).not.toMatch(/127\.0\.0\.1|localhost|http/);

    const detailed = (await (await fetch(new URL('/ready', gateway.metricsUrl))).json()) as {
      subgraphs: { name: string; url: string; up: boolean }[];
    };
    expect(detailed.subgraphs).toContainEqual({ name: 'users', url: supergraph.subgraphs.users.url, up: true });
  });

  it('probes the subgraphs once per cache period, however often /ready is asked', async () => {
    const counter = await startProbeCounter();
    const cached = await startGateway(supergraph, { readinessCacheMs: 60_000 }, [
      {
        name: 'counted',
        url: counter.url,
        sdl: 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"]) type Query { counted: String }',
      },
    ]);
    try {
      // Twenty concurrent calls, then twenty more one after another: one probe of each subgraph in all.
      const concurrent = await Promise.all(Array.from({ length: 20 }, () => fetch(`${cached.baseUrl}/ready`)));
      const statuses = concurrent.map((response) => response.status);
      for (let call = 0; call < 20; call++) statuses.push((await fetch(`${cached.baseUrl}/ready`)).status);
      expect(statuses).toEqual(Array.from({ length: 40 }, () => 200));
      expect(counter.probes).toBe(1);
      // Its clients are served as ever.
      expect((await cached.query('{ users { totalCount } }')).body.data.users.totalCount).toEqual(expect.any(Number));
    } finally {
      await cached.stop();
      await counter.close();
    }
  });
});
