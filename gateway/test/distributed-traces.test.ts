// One query over three subgraphs, with OTEL_EXPORTER_OTLP_ENDPOINT set: the gateway and the users, zoo and animal
// services run as the processes they are in production (their main.ts, from TypeScript sources), each
// exporting its spans to a receiver in this test, and together they make one trace: the gateway's request, its
// plan and fetches, each subgraph's operation under the fetch that called it, and each operation's SQL.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { service as animal } from '@supergraph/animal';
import { composeSupergraph } from '@supergraph/composition';
import { createDatabase, createPool, migrateToLatest } from '@supergraph/db';
import type { SubgraphService } from '@supergraph/subgraph';
import { eventually, freePort, startPostgres, type TestDatabase } from '@supergraph/testing';
import { service as users } from '@supergraph/users';
import { service as zoo } from '@supergraph/zoo';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './support/otlp-receiver';

const SUBGRAPHS = [users, zoo, animal] as SubgraphService[];
const QUERY = `query ZoosWithAnimals {
  zoos(first: 5) { edges { node { name owner { username } animals(first: 5) { edges { node { name } } } } } }
}`;

interface RunningProcess {
  name: string;
  child: ChildProcess;
  /** Its JSON log lines, parsed. */
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
}

let receiver: OtlpReceiver;
let dir: string;
const databases: TestDatabase[] = [];
const processes: RunningProcess[] = [];
let gatewayUrl: string;
let ownerId: string;

/** Runs `entry` (a main.ts) with `--conditions=@supergraph/source -r @swc-node/register`, once it logs `ready`. */
async function startProcess(
  name: string,
  entry: string,
  env: Record<string, string>,
  ready: string,
): Promise<RunningProcess> {
  // The test's own environment, without whatever OTEL_* settings the shell running it may have.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OTEL_')));
  const child = spawn(process.execPath, ['--conditions=@supergraph/source', '-r', '@swc-node/register', entry], {
    cwd: path.dirname(path.dirname(entry)),
    env: {
      ...inherited,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      REDIS_URL: '',
      METRICS_PORT: '0',
      DEV_KEYS_DIR: path.join(dir, 'keys'),
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const running: RunningProcess = {
    name,
    child,
    logs: [],
    exited: new Promise((resolve) => child.once('exit', resolve)),
  };
  processes.push(running);
  const output: string[] = [];
  readline.createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  await new Promise<void>((resolve, reject) => {
    child.once('exit', () => reject(new Error(`${name} exited early:\n${output.join('\n')}`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      try {
        running.logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line
      }
      if (line.includes(ready)) resolve();
    });
  });
  return running;
}

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  dir = mkdtempSync(path.join(tmpdir(), 'gateway-traces-'));
  const [gatewayPort, puzzlePort, ...subgraphPorts] = await Promise.all([0, 1, ...SUBGRAPHS].map(() => freePort()));
  const urls = Object.fromEntries(
    SUBGRAPHS.map(({ name }, index) => [name, `http://127.0.0.1:${subgraphPorts[index]}/graphql`]),
  );
  gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;

  // Fresh databases, migrated, with one user owning one zoo that holds two animals.
  const databaseUrls: Record<string, string> = {};
  for (const service of SUBGRAPHS) {
    const database = await startPostgres(`traces_${service.name}`);
    databases.push(database);
    databaseUrls[service.name] = database.url;
    const db = createDatabase(createPool({ connectionString: database.url, maxConnections: 1 }));
    await migrateToLatest(db, service.migrations);
    await db.destroy();
  }
  const sql = async (service: string, text: string, values: unknown[]) => {
    const pool = createPool({ connectionString: databaseUrls[service]!, maxConnections: 1 });
    try {
      return (await pool.query<{ id: string }>(text, values)).rows;
    } finally {
      await pool.end();
    }
  };
  [{ id: ownerId }] = (await sql(
    'users',
    `insert into users (username, email, password_hash) values ('keeper', 'keeper@example.com', 'not-a-hash') returning id`,
    [],
  )) as [{ id: string }];
  const [{ id: zooId }] = (await sql('zoo', `insert into zoos (name, owner_id) values ($1, $2) returning id`, [
    'Northern Lights Zoo',
    ownerId,
  ])) as [{ id: string }];
  // One statement each: a page is ordered by creation time.
  for (const name of ['Aurora', 'Borealis'])
    await sql('animal', `insert into animals (name, species, owner_id, zoo_id) values ($1, 'Fox', $2, $3)`, [
      name,
      ownerId,
      zooId,
    ]);

  const supergraphFile = path.join(dir, 'supergraph.graphql');
  writeFileSync(
    supergraphFile,
    composeSupergraph(
      SUBGRAPHS.map(({ name, schemaFile }) => ({ name, url: urls[name]!, sdl: readFileSync(schemaFile, 'utf8') })),
    ),
  );
  // Every peer a service may call or deliver events to is on loopback here (puzzle on a port nobody serves).
  const peers = {
    USERS_SERVICE_URL: urls.users!,
    ZOO_SERVICE_URL: urls.zoo!,
    ANIMAL_SERVICE_URL: urls.animal!,
    PUZZLE_SERVICE_URL: `http://127.0.0.1:${puzzlePort}/graphql`,
  };
  await Promise.all([
    ...SUBGRAPHS.map((service, index) =>
      startProcess(
        service.name,
        path.join(path.dirname(service.schemaFile), 'src/main.ts'),
        {
          PORT: String(subgraphPorts[index]),
          DATABASE_URL: databaseUrls[service.name]!,
          GATEWAY_JWKS_URL: `http://127.0.0.1:${gatewayPort}/.well-known/jwks.json`,
          JOBS_ENABLED: 'false',
          ...peers,
        },
        `${service.name} subgraph listening`,
      ),
    ),
    startProcess(
      'gateway',
      path.join(__dirname, '../src/main.ts'),
      {
        PORT: String(gatewayPort),
        SUPERGRAPH_SDL_FILE: supergraphFile,
        USERS_JWKS_URL: new URL('/.well-known/jwks.json', urls.users).toString(),
        RATE_LIMIT_ENABLED: 'false',
      },
      'gateway listening',
    ),
  ]);
});

afterAll(async () => {
  for (const running of processes) running.child.kill('SIGTERM');
  const codes = await Promise.all(processes.map((running) => running.exited));
  await receiver?.close();
  await Promise.all(databases.map((database) => database.drop()));
  rmSync(dir, { recursive: true, force: true });
  // Each process flushed its spans and stopped cleanly.
  expect(codes).toEqual(processes.map(() => 0));
});

/** The span tree under `root`, one line per span (service, kind, name), children indented, in a stable order. */
function treeOf(spans: ReceivedSpan[], root: ReceivedSpan, depth = 0): string[] {
  const children = spans
    .filter((span) => span.parentSpanId === root.spanId)
    .sort((a, b) => `${a.service} ${a.name}`.localeCompare(`${b.service} ${b.name}`));
  const label = root.attributes['db.query.text'] ?? root.attributes.service ?? '';
  return [
    `${'  '.repeat(depth)}${root.service} ${root.kind} ${root.name}${label ? ` (${String(label)})` : ''}`,
    ...children.flatMap((child) => treeOf(spans, child, depth + 1)),
  ];
}

describe('traces over OTLP', () => {
  it('one query over three subgraphs is one trace: gateway request, plan and fetches, each subgraph operation and its SQL', async () => {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    expect(body).toEqual({
      data: {
        zoos: {
          edges: [
            {
              node: {
                name: 'Northern Lights Zoo',
                owner: { username: 'keeper' },
                animals: { edges: [{ node: { name: 'Aurora' } }, { node: { name: 'Borealis' } }] },
              },
            },
          ],
        },
      },
    });

    const isRequest = (span: ReceivedSpan) =>
      span.service === 'gateway' && span.kind === 'server' && span.name === 'query ZoosWithAnimals';
    // Every process exports on its own schedule: wait until each subgraph's operation and SQL have arrived.
    const spans = await eventually(
      async () => {
        const request = receiver.spans.find(isRequest);
        return request ? receiver.spans.filter((span) => span.traceId === request.traceId) : [];
      },
      (trace) =>
        ['users', 'zoo', 'animal'].every(
          (service) =>
            trace.some((span) => span.service === service && span.kind === 'server') &&
            trace.some((span) => span.service === service && span.attributes['db.query.text']),
        ) && trace.filter((span) => span.service === 'gateway' && span.kind === 'client').length === 3,
    );
    const request = spans.find(isRequest)!;
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const parentOf = (span: ReceivedSpan) => byId.get(span.parentSpanId);
    // Printed for the record: the tree a trace viewer would show.
    console.log(treeOf(spans, request).join('\n'));

    // The gateway: its request, with Apollo Gateway's request, plan and one fetch per subgraph inside it.
    expect(request.parentSpanId).toBe('');
    expect(request.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.response.status_code': 200 });
    const gatewaySpan = (name: string) => spans.filter((span) => span.service === 'gateway' && span.name === name);
    const [operation] = gatewaySpan('gateway.request');
    expect(parentOf(operation!)).toBe(request);
    expect(gatewaySpan('gateway.plan').map(parentOf)).toEqual([operation]);
    const fetches = gatewaySpan('gateway.fetch');
    expect(fetches.map((fetch) => fetch.attributes.service).sort()).toEqual(['animal', 'users', 'zoo']);

    for (const service of ['users', 'zoo', 'animal']) {
      // Each subgraph's operation continues the trace under the HTTP request of the fetch that called it.
      const [subgraphOperation, ...others] = spans.filter((span) => span.service === service && span.kind === 'server');
      expect(others).toEqual([]);
      expect(subgraphOperation!.name).toMatch(/^query ZoosWithAnimals__\w+__\d+$/);
      expect(subgraphOperation!.attributes['graphql.operation.name']).toBe(subgraphOperation!.name.slice(6));
      const call = parentOf(subgraphOperation!)!;
      expect(call).toMatchObject({ service: 'gateway', kind: 'client', name: 'POST /graphql' });
      expect(parentOf(call)).toMatchObject({ name: 'gateway.fetch', attributes: { service } });

      // Its SQL, each statement a span under the operation: the text, never the values.
      const statements = spans.filter((span) => span.service === service && span.attributes['db.query.text']);
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(parentOf(statement)).toBe(subgraphOperation);
        expect(statement).toMatchObject({ kind: 'client', attributes: { 'db.system.name': 'postgresql' } });
        expect(statement.name).toMatch(/^(SELECT|WITH) /);
      }
    }
    // The users service looked the owner up by id, a parameter: its value is in no span.
    expect(JSON.stringify(spans)).not.toContain(ownerId);

    // Logs and spans name the same trace.
    await eventually(
      async () => processes.filter((running) => running.logs.some((line) => line.traceId === request.traceId)),
      (logging) => logging.length === 4,
    );
  });
});
