// What an operator sees of the zoo subgraph on a real database: /metrics counting the operations just run,
// their database statements and the pool's connections, its events (outbox, deliveries, inbox lag), and logs
// tied to the gateway's request and trace.
import { randomUUID } from 'node:crypto';
import { createLogger, newEvent } from '@supergraph/subgraph';
import {
  eventually,
  startServiceHarness,
  startStubSubgraph,
  type StubSubgraph,
  type SubgraphHarness,
} from '@supergraph/testing';
import { service } from '../src';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

let zoo: SubgraphHarness;
let animalService: StubSubgraph;
const logs: Record<string, any>[] = [];

beforeAll(async () => {
  animalService = await startStubSubgraph('animal', () => ({}));
  zoo = await startServiceHarness(service, {
    settings: {},
    peers: { animal: { url: animalService.url, timeoutMs: 500 } },
    logger: createLogger('zoo', 'info', { write: (line: string) => void logs.push(JSON.parse(line)) }),
  });
});

afterAll(async () => {
  await zoo.close();
  await animalService.close();
});

async function scrape(): Promise<string> {
  const response = await fetch(zoo.metricsUrl);
  expect(response.status).toBe(200);
  return response.text();
}

function sample(text: string, series: string): number {
  const line = text.split('\n').find((entry) => entry.startsWith(`${series} `));
  return line === undefined ? NaN : Number(line.slice(series.length + 1));
}

it('shows the operation just run, its database statements and the pool on GET /metrics', async () => {
  const result = await zoo.graphql('query ZooList { zoos { totalCount } }', {}, { viewer: null });
  expect(result.data).toEqual({ zoos: { totalCount: 0 } });

  const text = await scrape();

  expect(text).toContain('supergraph_graphql_requests_total{service="zoo",operation="ZooList",outcome="success"} 1');
  expect(sample(text, 'supergraph_db_query_duration_seconds_count{service="zoo",outcome="ok"}')).toBeGreaterThan(0);
  const total = sample(text, 'supergraph_db_pool_connections{service="zoo",pool="zoo",state="total"}');
  const idle = sample(text, 'supergraph_db_pool_connections{service="zoo",pool="zoo",state="idle"}');
  expect(total).toBeGreaterThanOrEqual(idle);
  expect(idle).toBeGreaterThanOrEqual(0);
  expect(sample(text, 'supergraph_db_pool_connections{service="zoo",pool="zoo",state="waiting"}')).toBe(0);
});

it('logs the request with the trace id and request id the gateway sent', async () => {
  await zoo.graphql(
    'query ZooList { zoos { totalCount } }',
    {},
    {
      viewer: null,
      headers: { traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`, 'x-request-id': 'abc-123' },
    },
  );

  expect(logs).toContainEqual(
    expect.objectContaining({
      service: 'zoo',
      msg: 'graphql request',
      operation: 'ZooList',
      outcome: 'success',
      requestId: 'abc-123',
      traceId: TRACE_ID,
    }),
  );
});

it('shows its outbox on GET /metrics and logs each failed delivery at warn, until the subscriber answers', async () => {
  const owner = { id: randomUUID(), role: 'USER' as const };
  const created = await zoo.graphql('mutation { createZoo(input: { name: "Watched" }) { id } }', {}, { viewer: owner });
  const zooId = created.data!.createZoo.id as string;
  animalService.mode = 'fail';
  try {
    await zoo.graphql('mutation($id: ID!) { deleteZoo(id: $id) }', { id: zooId }, { viewer: owner });
    const failing = await eventually(scrape, (text) =>
      text.includes('events_deliveries_total{subscriber="animal",type="ZooDeleted",outcome="failed"}'),
    );
    expect(sample(failing, 'events_outbox_pending')).toBe(1);
    expect(sample(failing, 'events_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
    const warning = logs.find((line) => line.msg === 'event delivery failed; it will be retried');
    expect(warning).toMatchObject({ level: 40, type: 'ZooDeleted', subscriber: 'animal', attempt: 1 });
    expect(warning!.eventId).toEqual(expect.any(String));
  } finally {
    animalService.mode = 'answer';
  }
  const delivered = await eventually(scrape, (text) => sample(text, 'events_outbox_pending') === 0);
  expect(sample(delivered, 'events_deliveries_total{subscriber="animal",type="ZooDeleted",outcome="delivered"}')).toBe(
    1,
  );
  expect(sample(delivered, 'events_outbox_oldest_age_seconds')).toBe(0);
});

it('shows how long events took to reach it (inbox lag) on GET /metrics', async () => {
  const event = newEvent('UserDeleted', randomUUID());
  expect((await zoo.deliverEvent(event)).status).toBe(204);
  expect((await zoo.deliverEvent(event)).status).toBe(204);
  const text = await scrape();
  expect(sample(text, 'events_inbox_lag_seconds_count{type="UserDeleted"}')).toBe(1);
  expect(sample(text, 'events_received_total{type="UserDeleted",outcome="applied"}')).toBe(1);
  expect(sample(text, 'events_received_total{type="UserDeleted",outcome="duplicate"}')).toBe(1);
});
