// What a scrape of /metrics shows after a server has answered some GraphQL requests, and what it logs.
import { ApolloServer } from '@apollo/server';
import pino from 'pino';
import { createMetrics } from '../src';

const typeDefs = /* GraphQL */ `
  type Query {
    hello: String!
    broken: String
  }
`;
const resolvers = {
  Query: {
    hello: () => 'world',
    broken: () => {
      throw new Error('resolver failed');
    },
  },
};

function captureLogs() {
  const lines: Record<string, any>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

async function startServer(slowOperationMs: number) {
  const metrics = createMetrics('catalog');
  const logs = captureLogs();
  const server = new ApolloServer({
    typeDefs,
    resolvers,
    plugins: [metrics.operationPlugin({ logger: logs.logger, slowOperationMs })],
  });
  await server.start();
  return { metrics, logs, server };
}

describe('GraphQL operation metrics', () => {
  it('counts each request under its operation name and outcome, and times it', async () => {
    const { metrics, server } = await startServer(60_000);
    await server.executeOperation({ query: 'query Greeting { hello }' });
    await server.executeOperation({ query: 'query Greeting { hello }' });
    await server.executeOperation({ query: '{ hello }' });
    await server.executeOperation({ query: 'query Broken { broken }' });
    await server.executeOperation({ query: 'query Typo { helo }' });
    await server.executeOperation({ query: 'query Unfinished {' });
    await server.stop();

    const text = await metrics.render();
    expect(text).toContain(
      'supergraph_graphql_requests_total{service="catalog",operation="Greeting",outcome="success"} 2',
    );
    expect(text).toContain(
      'supergraph_graphql_requests_total{service="catalog",operation="anonymous",outcome="success"} 1',
    );
    expect(text).toContain('supergraph_graphql_requests_total{service="catalog",operation="Broken",outcome="error"} 1');
    expect(text).toContain(
      'supergraph_graphql_requests_total{service="catalog",operation="Typo",outcome="rejected"} 1',
    );
    // An unparsable document has no operation name of its own.
    expect(text).toContain(
      'supergraph_graphql_requests_total{service="catalog",operation="anonymous",outcome="rejected"} 1',
    );
    expect(text).toContain(
      'supergraph_graphql_request_duration_seconds_count{service="catalog",operation="Greeting"} 2',
    );
    expect(text).toMatch(
      /^supergraph_graphql_request_duration_seconds_bucket\{le="\+Inf",service="catalog",operation="Greeting"\} 2$/m,
    );
    // Node's process metrics come with every registry.
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it('keeps client-chosen operation names from becoming unbounded labels', async () => {
    const { metrics, server } = await startServer(60_000);
    await server.executeOperation({ query: '{ hello }', operationName: 'x'.repeat(65) });
    await server.stop();

    expect(await metrics.render()).toContain(
      'supergraph_graphql_requests_total{service="catalog",operation="invalid",outcome="rejected"} 1',
    );
  });

  it('logs one line per request, and a warning naming an operation slower than the threshold', async () => {
    const { logs, server } = await startServer(0);
    await server.executeOperation(
      { query: 'query Greeting { hello }' },
      { contextValue: { requestId: 'req-7', traceId: 'a'.repeat(32) } },
    );
    await server.stop();

    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        level: 30,
        msg: 'graphql request',
        operation: 'Greeting',
        outcome: 'success',
        requestId: 'req-7',
        traceId: 'a'.repeat(32),
        durationMs: expect.any(Number),
      }),
    );
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        level: 40,
        msg: 'slow operation',
        operation: 'Greeting',
        requestId: 'req-7',
        durationMs: expect.any(Number),
      }),
    );
  });

  it('does not warn about operations under the threshold', async () => {
    const { logs, server } = await startServer(60_000);
    await server.executeOperation({ query: 'query Greeting { hello }' });
    await server.stop();

    expect(logs.lines.map((line) => line.msg)).toEqual(['graphql request']);
  });

  it('keeps each server’s metrics apart', async () => {
    const first = await startServer(60_000);
    const second = createMetrics('catalog');
    await first.server.executeOperation({ query: 'query Greeting { hello }' });
    await first.server.stop();

    expect(await second.render()).not.toContain('operation="Greeting"');
  });
});

describe('subgraph fetch and database metrics', () => {
  it('shows fetch latency by subgraph and outcome', async () => {
    const metrics = createMetrics('gateway');
    metrics.observeSubgraphFetch('zoo', 0.012, 'ok');
    metrics.observeSubgraphFetch('zoo', 2, 'timeout');

    const text = await metrics.render();
    expect(text).toContain('supergraph_subgraph_fetch_duration_seconds_count{subgraph="zoo",outcome="ok"} 1');
    expect(text).toContain('supergraph_subgraph_fetch_duration_seconds_count{subgraph="zoo",outcome="timeout"} 1');
  });

  it('shows query latency by outcome and reads pool connections at scrape time', async () => {
    const metrics = createMetrics('zoo');
    metrics.observeDbQuery({ level: 'query', queryDurationMillis: 3 });
    metrics.observeDbQuery({ level: 'error', queryDurationMillis: 40 });
    const pool = { totalCount: 4, idleCount: 3, waitingCount: 0 };
    metrics.trackPool('zoo', pool);
    pool.waitingCount = 2;

    const text = await metrics.render();
    expect(text).toContain('supergraph_db_query_duration_seconds_count{service="zoo",outcome="ok"} 1');
    expect(text).toContain('supergraph_db_query_duration_seconds_sum{service="zoo",outcome="error"} 0.04');
    expect(text).toContain('supergraph_db_pool_connections{service="zoo",pool="zoo",state="total"} 4');
    expect(text).toContain('supergraph_db_pool_connections{service="zoo",pool="zoo",state="idle"} 3');
    expect(text).toContain('supergraph_db_pool_connections{service="zoo",pool="zoo",state="waiting"} 2');
  });
});
