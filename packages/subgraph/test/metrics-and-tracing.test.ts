// A subgraph's /metrics and logs as an operator sees them: requests counted by operation and outcome, and
// every log line of a request carrying the request id and trace id the gateway sent.
import { parse } from 'graphql';
import {
  CLAIMS_HEADER,
  createClaimsVerifier,
  createLocalKeySet,
  generateSigningKey,
  memoryReplayGuard,
  requestDigest,
  serviceKeys,
  signForwardedClaims,
} from '@supergraph/auth';
import { createLogger, createSubgraphServer, type RequestInfo, type SubgraphServer } from '../src';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const GATEWAY = serviceKeys('gateway', generateSigningKey());
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

const typeDefs = parse(/* GraphQL */ `
  type Query {
    hello: String!
    broken: String
  }
`);

interface Started {
  url: string;
  baseUrl: string;
  metricsUrl: string;
  /** How many times the server asked whether it is ready (its database probe). */
  probes: () => number;
  logs: Record<string, any>[];
  server: SubgraphServer;
}

async function startCatalog(options: { slowOperationMs?: number; readinessCacheMs?: number } = {}): Promise<Started> {
  const logs: Record<string, any>[] = [];
  let probes = 0;
  const logger = createLogger('catalog', 'info', { write: (line: string) => void logs.push(JSON.parse(line)) });
  const server = createSubgraphServer<RequestInfo>({
    name: 'catalog',
    typeDefs,
    resolvers: {
      Query: {
        hello: (_parent: unknown, _args: unknown, context: RequestInfo) => {
          context.logger.info('saying hello');
          return 'world';
        },
        broken: () => {
          throw new Error('resolver failed');
        },
      },
    },
    claims: createClaimsVerifier({
      audience: 'catalog',
      issuers: { gateway: { keys: createLocalKeySet(GATEWAY.published) } },
      replay: memoryReplayGuard(),
    }),
    createContext: (request) => request,
    isReady: async () => {
      probes++;
      return true;
    },
    logger,
    production: false,
    ...options,
  });
  const { url, metricsUrl } = await server.listen(0);
  return { url, baseUrl: url.replace(/\/graphql$/, ''), metricsUrl, probes: () => probes, logs, server };
}

/** Posts as the gateway would (signed anonymous claims), unless the headers bring their own claims. */
async function post(url: string, query: string, headers: Record<string, string> = {}) {
  const claims = signForwardedClaims(GATEWAY, {
    audience: 'catalog',
    viewer: null,
    digest: requestDigest(query, undefined),
  });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CLAIMS_HEADER]: claims, ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
}

describe('subgraph metrics and tracing', () => {
  let catalog: Started;
  afterEach(() => catalog.server.stop());

  it('serves the requests just made on GET /metrics, by operation name and outcome', async () => {
    catalog = await startCatalog();
    await post(catalog.url, 'query Greeting { hello }');
    await post(catalog.url, 'query Broken { broken }');
    await post(catalog.url, 'query Typo { helo }');
    await post(catalog.url, 'query Greeting { hello }', { [CLAIMS_HEADER]: 'forged' });

    const response = await fetch(catalog.metricsUrl);
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain(
      'supergraph_graphql_requests_total{service="catalog",operation="Greeting",outcome="success"} 1',
    );
    expect(text).toContain('supergraph_graphql_requests_total{service="catalog",operation="Broken",outcome="error"} 1');
    expect(text).toContain(
      'supergraph_graphql_requests_total{service="catalog",operation="Typo",outcome="rejected"} 1',
    );
    // Refused while checking the claims header, before the body was even parsed.
    expect(text).toContain(
      'supergraph_graphql_requests_total{service="catalog",operation="unknown",outcome="rejected"} 1',
    );
    expect(text).toContain(
      'supergraph_graphql_request_duration_seconds_count{service="catalog",operation="Greeting"} 1',
    );
  });

  it('logs the request id and trace id the gateway sent on every line of that request', async () => {
    catalog = await startCatalog();
    const result = await post(catalog.url, 'query Greeting { hello }', {
      traceparent: TRACEPARENT,
      'x-request-id': 'abc-123',
    });

    expect(result.body.data).toEqual({ hello: 'world' });
    expect(catalog.logs).toContainEqual(
      expect.objectContaining({ msg: 'saying hello', service: 'catalog', requestId: 'abc-123', traceId: TRACE_ID }),
    );
    expect(catalog.logs).toContainEqual(
      expect.objectContaining({
        msg: 'graphql request',
        operation: 'Greeting',
        outcome: 'success',
        requestId: 'abc-123',
        traceId: TRACE_ID,
        durationMs: expect.any(Number),
      }),
    );
  });

  it('starts its own trace and request id when the caller sent none', async () => {
    catalog = await startCatalog();
    await post(catalog.url, 'query Greeting { hello }');

    const line = catalog.logs.find((entry) => entry.msg === 'saying hello');
    expect(line?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(line?.traceId).not.toBe(TRACE_ID);
    expect(line?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs operations at or above the slow threshold as slow, with their name and duration', async () => {
    catalog = await startCatalog({ slowOperationMs: 0 });
    await post(catalog.url, 'query Greeting { hello }', { 'x-request-id': 'abc-123' });

    expect(catalog.logs).toContainEqual(
      expect.objectContaining({
        level: 40,
        msg: 'slow operation',
        operation: 'Greeting',
        durationMs: expect.any(Number),
        requestId: 'abc-123',
      }),
    );
  });

  it('keeps /metrics off the public port, which answers only whether it is ready', async () => {
    catalog = await startCatalog();
    expect((await fetch(`${catalog.baseUrl}/metrics`)).status).toBe(404);
    const ready = await fetch(`${catalog.baseUrl}/ready`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
    expect((await fetch(catalog.metricsUrl)).status).toBe(200);
    // Callers are served as before.
    expect((await post(catalog.url, 'query Greeting { hello }')).body.data).toEqual({ hello: 'world' });
  });

  it('probes its database once per cache period, however often /ready is asked', async () => {
    catalog = await startCatalog({ readinessCacheMs: 60_000 });
    const concurrent = await Promise.all(Array.from({ length: 20 }, () => fetch(`${catalog.baseUrl}/ready`)));
    for (let call = 0; call < 20; call++) expect((await fetch(`${catalog.baseUrl}/ready`)).status).toBe(200);
    expect(concurrent.every((response) => response.status === 200)).toBe(true);
    expect(catalog.probes()).toBe(1);
  });
});
