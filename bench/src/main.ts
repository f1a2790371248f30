// `npm run bench [-- <workload>…] [-- --quick]`: starts the stack on a fresh embedded Postgres, seeds the
// fixed data set, warms up, drives load with autocannon, and writes bench/results/<date>.{md,json} and
// latest.{md,json}. Every load figure is min/median/max of alternating runs taken in this one run; the
// deletes and subscriptions workloads (deletes.ts, subscriptions.ts) report percentiles of their own samples.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  CLAIMS_HEADER,
  createAccessTokenVerifier,
  generateSigningKey,
  issueAccessToken,
  publicJwks,
  requestDigest,
  serviceKeys,
  signForwardedClaims,
  signingKeyFromPem,
} from '@supergraph/auth';
import { freePort } from '@supergraph/testing';
import { userDeletion, type DeletesSettings, type Percentiles } from './deletes';
import { drive, spread, type LoadResult, type Spread } from './load';
import { cpuSeconds, interruptGroup, peakRssMiB, start, stop, track, waitFor } from './processes';
import { ROOT, seed, signIn, startStack, SUBGRAPHS, type Stack } from './stack';
import { subscriptionFanOut, type SubscriptionsSettings } from './subscriptions';

const WORKLOADS = ['overhead', 'fanout', 'gateways', 'sql', 'coldstart', 'deletes', 'subscriptions'] as const;
type Workload = (typeof WORKLOADS)[number];

const { values, positionals } = parseArgs({
  options: { quick: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const selected = (positionals.length ? positionals : WORKLOADS) as Workload[];
for (const name of selected)
  if (!WORKLOADS.includes(name)) throw new Error(`Unknown workload "${name}"; choose from ${WORKLOADS.join(', ')}`);
const quick = values.quick;
const SETTINGS = quick
  ? { seconds: 3, warmupSeconds: 1, connections: 10, runs: 3, coldStarts: 1 }
  : { seconds: 15, warmupSeconds: 3, connections: 20, runs: 3, coldStarts: 3 };
const DELETES: DeletesSettings = quick
  ? { latencyUsers: 10, throughputUsers: 30, concurrency: 10, pollMs: 10 }
  : { latencyUsers: 50, throughputUsers: 200, concurrency: 10, pollMs: 10 };
const SUBSCRIPTIONS: SubscriptionsSettings = quick
  ? { subscribers: [100, 1000], events: 20, eventsPerSecond: 5 }
  : { subscribers: [100, 1000], events: 100, eventsPerSecond: 5 };

const log = (line: string) => console.log(`[bench] ${line}`);
const query = (text: string, variables?: Record<string, unknown>) => JSON.stringify({ query: text, variables });

const OVERHEAD_QUERY = query('query UsersPage { users(first: 10) { edges { node { id username } } } }');
// Ten levels deep, the gateway's default depth limit: users (users), stars (puzzle), zoos (zoo), animals (animal).
const FANOUT_QUERY = query(
  'query FanOut { users(first: 20) { edges { node { username stars(year: 2021) zoos(first: 5) { edges { node { name animalCount animals(first: 10) { totalCount edges { node { name species } } } } } } } } } }',
);

type Figures = Record<string, unknown>;
const report: { meta: Figures; workloads: Partial<Record<Workload, Figures>> } = { meta: {}, workloads: {} };

async function measure(
  url: string,
  body: string,
  headers: Record<string, string> = {},
  headersPerRequest?: () => Record<string, string>,
): Promise<LoadResult> {
  return drive({
    url,
    body,
    headers,
    ...(headersPerRequest && { headersPerRequest }),
    connections: SETTINGS.connections,
    seconds: SETTINGS.seconds,
  });
}

/** Checks that the query succeeds (a benchmark of error responses measures nothing), then warms up. */
async function warm(
  url: string,
  body: string,
  headers: Record<string, string> = {},
  headersPerRequest?: () => Record<string, string>,
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers, ...headersPerRequest?.() },
    body,
  });
  const result = (await response.json()) as { data?: unknown; errors?: unknown };
  if (!response.ok || result.errors || !result.data)
    throw new Error(`${url} did not answer the benchmark query: ${JSON.stringify(result)}`);
  await drive({
    url,
    body,
    headers,
    ...(headersPerRequest && { headersPerRequest }),
    connections: SETTINGS.connections,
    seconds: SETTINGS.warmupSeconds,
  });
}

/** A fresh gateway-signed claims header for every request: subgraphs answer only signed callers, once per header. */
function gatewayClaims(stack: Stack, audience: string, body: string): () => Record<string, string> {
  const keys = serviceKeys('gateway', signingKeyFromPem(stack.gatewayClaimsKeyPem));
  const { query: text, variables } = JSON.parse(body) as { query: string; variables?: unknown };
  const digest = requestDigest(text, variables);
  return () => ({ [CLAIMS_HEADER]: signForwardedClaims(keys, { audience, viewer: null, digest }) });
}

/** Runs the targets in turn, `runs` rounds, so drift affects all alike; returns each target's results. */
async function alternate(targets: Record<string, () => Promise<LoadResult>>): Promise<Record<string, LoadResult[]>> {
  const results: Record<string, LoadResult[]> = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
  for (let round = 0; round < SETTINGS.runs; round++) {
    for (const [name, run] of Object.entries(targets)) results[name]!.push(await run());
  }
  return results;
}

const summary = (results: LoadResult[]) => ({
  rps: spread(results.map((result) => result.rps)),
  p50: spread(results.map((result) => result.p50)),
  p95: spread(results.map((result) => result.p95)),
  p99: spread(results.map((result) => result.p99)),
  errors: results.reduce((sum, result) => sum + result.errors, 0),
});

async function overhead(stack: Stack) {
  const auth = { authorization: `Bearer ${stack.accessToken}` };
  // Direct calls sign their claims as the gateway does (in the load generator's process).
  const claims = gatewayClaims(stack, 'users', OVERHEAD_QUERY);
  await warm(stack.subgraphUrls.users, OVERHEAD_QUERY, {}, claims);
  await warm(stack.gatewayUrl, OVERHEAD_QUERY, auth);
  const results = await alternate({
    direct: () => measure(stack.subgraphUrls.users, OVERHEAD_QUERY, {}, claims),
    gateway: () => measure(stack.gatewayUrl, OVERHEAD_QUERY, auth),
  });
  const ratios = results.gateway!.map((result, index) => result.rps / results.direct![index]!.rps);
  return {
    query: 'users(first: 10) on the users subgraph',
    direct: summary(results.direct!),
    gateway: summary(results.gateway!),
    ratio: spread(ratios),
  };
}

async function fanout(stack: Stack) {
  const auth = { authorization: `Bearer ${stack.accessToken}` };
  await warm(stack.gatewayUrl, FANOUT_QUERY, auth);
  const before = stack.processes.map((process_) => ({ name: process_.name, cpu: cpuSeconds(process_.child.pid!) }));
  const results = await alternate({ gateway: () => measure(stack.gatewayUrl, FANOUT_QUERY, auth) });
  const requests = results.gateway!.reduce((sum, result) => sum + result.requests, 0);
  const processes = stack.processes.map((process_, index) => ({
    process: process_.name,
    cpuSecondsPer1000Requests: ((cpuSeconds(process_.child.pid!) - before[index]!.cpu) / requests) * 1000,
    peakRssMiB: peakRssMiB(process_.child.pid!),
  }));
  return {
    query: 'users(first: 20) → stars, zoos(first: 5) → animalCount, animals(first: 10): all four subgraphs',
    ...summary(results.gateway!),
    cpuSecondsPer1000Requests: processes.reduce((sum, row) => sum + row.cpuSecondsPer1000Requests, 0),
    processes,
  };
}

async function gateways(stack: Stack) {
  const env = { BENCH_CLAIMS_SIGNING_KEY: stack.gatewayClaimsKeyPem, SUPERGRAPH_SDL_FILE: stack.supergraphFile };
  const runner = ['--conditions=@supergraph/source', '-r', '@swc-node/register'];
  const plainPort = await freePort();
  const hivePort = await freePort();
  const plain = start(
    'plain-apollo-gateway',
    [...runner, path.join(__dirname, 'plain-gateway.ts')],
    { ...env, PORT: String(plainPort) },
    path.join(ROOT, 'bench'),
  );
  const hive = start(
    'hive-gateway',
    [...runner, path.join(__dirname, 'hive-gateway.ts')],
    { ...env, PORT: String(hivePort) },
    path.join(ROOT, 'bench'),
  );
  const urls = {
    ours: stack.gatewayUrl,
    plain: `http://127.0.0.1:${plainPort}/graphql`,
    hive: `http://127.0.0.1:${hivePort}/graphql`,
  };
  const probe = { method: 'POST', headers: { 'content-type': 'application/json' }, body: query('{ __typename }') };
  try {
    await waitFor(urls.plain, 'plain gateway', plain, 60_000, probe);
    await waitFor(urls.hive, 'hive gateway', hive, 60_000, probe);
    // The same anonymous fan-out query for all three (the plain and Hive gateways verify no JWT).
    for (const url of Object.values(urls)) await warm(url, FANOUT_QUERY);
    const results = await alternate({
      ours: () => measure(urls.ours, FANOUT_QUERY),
      plain: () => measure(urls.plain, FANOUT_QUERY),
      hive: () => measure(urls.hive, FANOUT_QUERY),
    });
    const ratio = (other: string) =>
      spread(results.ours!.map((result, index) => result.rps / results[other]![index]!.rps));
    return {
      query: 'the fan-out query, anonymous, same supergraph file and subgraphs, one process each',
      ours: summary(results.ours!),
      plainApolloGateway: summary(results.plain!),
      hiveGateway: summary(results.hive!),
      oursOverPlain: ratio('plain'),
      oursOverHive: ratio('hive'),
    };
  } finally {
    await stop(plain);
    await stop(hive);
  }
}

/** SQL statements the subgraphs ran, from their own metrics (Kysely's log hook counts every statement). */
async function statementsSoFar(stack: Stack): Promise<number> {
  let total = 0;
  for (const name of SUBGRAPHS) {
    const metrics = await (await fetch(stack.metricsUrls[name])).text();
    for (const match of metrics.matchAll(/^supergraph_db_query_duration_seconds_count\{[^}]*\} (\d+)/gm))
      total += Number(match[1]);
  }
  return total;
}

async function statementsPerRequest(stack: Stack, requests: number): Promise<number> {
  const auth = { 'content-type': 'application/json', authorization: `Bearer ${stack.accessToken}` };
  const before = await statementsSoFar(stack);
  for (let index = 0; index < requests; index++) {
    const response = await fetch(stack.gatewayUrl, { method: 'POST', headers: auth, body: FANOUT_QUERY });
    if (!response.ok) throw new Error(`fan-out query failed: ${await response.text()}`);
  }
  return (await statementsSoFar(stack)) - before;
}

async function sqlCost(stack: Stack) {
  const requests = 20;
  const once = await statementsPerRequest(stack, requests);
  await seed(stack, 2); // a second copy of the data set: 2× users, zoos, animals, puzzles
  const twice = await statementsPerRequest(stack, requests);
  return {
    query: 'the fan-out query, sequentially',
    statementsPerRequestAt1x: once / requests,
    statementsPerRequestAt2x: twice / requests,
    equal: once === twice,
  };
}

async function coldStart() {
  // npm start uses the real ports (gateway 4000): anything already there would be measured instead.
  const busy = await fetch('http://127.0.0.1:4000/health', { signal: AbortSignal.timeout(1_000) }).then(
    () => true,
    () => false,
  );
  if (busy) throw new Error('Port 4000 is in use (is `npm start` running?); stop it before the cold-start workload');
  const times: number[] = [];
  for (let run = 0; run < SETTINGS.coldStarts; run++) {
    const dataDir = path.join(os.tmpdir(), `supergraph-coldstart-${process.pid}-${run}`);
    const started = Date.now();
    const child = spawn('npm', ['start'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    // Watched, so that an npm start that fails (e.g. a port taken meanwhile) ends the wait with its output.
    const npmStart = track('npm start', child);
    try {
      await waitFor('http://127.0.0.1:4000/graphql', 'npm start', npmStart, 180_000, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: query('{ users(first: 1) { totalCount } }'),
      });
      times.push((Date.now() - started) / 1000);
    } finally {
      await interruptGroup(child);
      execFileSync('rm', ['-rf', dataDir]);
    }
  }

  // JWT verification: a cache miss checks an ES256 signature; a hit is a lookup until the token expires.
  const key = generateSigningKey();
  const jwks = http.createServer((_req, res) => res.end(JSON.stringify(publicJwks([key]))));
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const verifier = createAccessTokenVerifier({
    jwksUri: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/`,
    issuer: 'bench',
    audience: 'bench',
    cacheSize: 100_000,
  });
  const audience = { issuer: 'bench', audience: 'bench' };
  const tokens = Array.from({ length: 2_000 }, (_, index) =>
    issueAccessToken(key, { id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, role: 'USER' }, audience),
  );
  await verifier.verify(tokens[0]!); // fetch the key set once
  let begin = process.hrtime.bigint();
  for (const token of tokens.slice(1)) await verifier.verify(token);
  const missMicros = Number(process.hrtime.bigint() - begin) / 1e3 / (tokens.length - 1);
  begin = process.hrtime.bigint();
  for (let index = 0; index < 20_000; index++) await verifier.verify(tokens[index % tokens.length]!);
  const hitMicros = Number(process.hrtime.bigint() - begin) / 1e3 / 20_000;
  jwks.close();
  return {
    npmStartToFirstQuerySeconds: spread(times),
    runs: times.length,
    jwtVerifyMicrosPerOp: { uncached: missMicros, cached: hitMicros },
  };
}

const fmt = (value: number, digits = 1) => value.toFixed(digits);
const row = (label: string, figure: Spread, digits = 1) =>
  `| ${label} | ${fmt(figure.min, digits)} | ${fmt(figure.median, digits)} | ${fmt(figure.max, digits)} |`;

function markdown(): string {
  const lines = [
    `# Benchmark results`,
    '',
    `${report.meta.date} · ${report.meta.mode} · ${report.meta.machine}`,
    '',
    `Versions: ${JSON.stringify(report.meta.versions)}`,
    '',
  ];
  const w = report.workloads as Record<string, any>;
  const table = (title: string, rows: string[]) =>
    lines.push(`### ${title}`, '', '| figure | min | median | max |', '| --- | --- | --- | --- |', ...rows, '');
  if (w.overhead) {
    table('1. Gateway overhead', [
      row('direct RPS', w.overhead.direct.rps),
      row('gateway RPS (JWT on)', w.overhead.gateway.rps),
      row('gateway / direct', w.overhead.ratio, 3),
    ]);
  }
  if (w.fanout) {
    table('2. Federated fan-out', [
      row('RPS', w.fanout.rps),
      row('p50 ms', w.fanout.p50),
      row('p95 ms', w.fanout.p95),
      row('p99 ms', w.fanout.p99),
    ]);
    lines.push(
      `CPU seconds per 1 000 requests, all processes: ${fmt(w.fanout.cpuSecondsPer1000Requests, 2)}`,
      '',
      '| process | CPU s / 1 000 req | peak RSS MiB |',
      '| --- | --- | --- |',
    );
    for (const process_ of w.fanout.processes)
      lines.push(
        `| ${process_.process} | ${fmt(process_.cpuSecondsPer1000Requests, 2)} | ${fmt(process_.peakRssMiB, 0)} |`,
      );
    lines.push('');
  }
  if (w.gateways) {
    table('3. Gateways side by side (RPS)', [
      row('ours (all plugins)', w.gateways.ours.rps),
      row('plain @apollo/gateway', w.gateways.plainApolloGateway.rps),
      row('Hive Gateway', w.gateways.hiveGateway.rps),
      row('ours / plain', w.gateways.oursOverPlain, 3),
      row('ours / Hive', w.gateways.oursOverHive, 3),
    ]);
  }
  if (w.sql)
    lines.push(
      '### 4. SQL cost',
      '',
      `Statements per fan-out request: ${w.sql.statementsPerRequestAt1x} at 1× data, ${w.sql.statementsPerRequestAt2x} at 2× data (${w.sql.equal ? 'equal' : 'NOT equal'}).`,
      '',
    );
  if (w.coldstart) {
    table('5. Cold start', [row('npm start → first query, s', w.coldstart.npmStartToFirstQuerySeconds)]);
    lines.push(
      `JWT verify: ${fmt(w.coldstart.jwtVerifyMicrosPerOp.uncached)} µs/op uncached (ES256 signature), ${fmt(w.coldstart.jwtVerifyMicrosPerOp.cached, 2)} µs/op cached.`,
      '',
    );
  }
  if (w.deletes) {
    const { latency, throughput } = w.deletes;
    const ms = (label: string, figure: Percentiles) =>
      `| ${label} | ${fmt(figure.p50, 0)} | ${fmt(figure.p99, 0)} | ${fmt(figure.max, 0)} |`;
    lines.push(
      '### 6. User deletion through the outbox',
      '',
      `Latency: ${latency.users} users deleted one after another through the gateway, each time polling the four databases every ${latency.pollMs} ms until nothing refers to the user (${fmt(latency.meanPollsPerDelete, 0)} polls per delete on average). Per user: ${w.deletes.data}.`,
      '',
      '| ms from sending `deleteUser` until | p50 | p99 | max |',
      '| --- | --- | --- | --- |',
      ms('the mutation answered (committed in users)', latency.deleteUserAnsweredMs),
      ms('UserDeleted applied by zoo, animal and puzzle', latency.userDeletedAppliedMs),
      ms('converged in all four databases (incl. ZooDeleted)', latency.convergedMs),
      '',
      `Throughput: ${throughput.users} users deleted at once (${throughput.concurrency} mutations in flight; all answered in ${fmt(throughput.mutationsSeconds, 2)} s): ${throughput.deliveries} deliveries (${throughput.users} UserDeleted × 3 subscribers + ${throughput.zoos} ZooDeleted) over 4 delivery queues (users → zoo, animal, puzzle; zoo → animal), converged in ${fmt(throughput.seconds, 2)} s → **${fmt(throughput.deliveriesPerSecond)} deliveries/s** (${fmt(throughput.usersPerSecond, 2)} users/s). Subscribers counted ${JSON.stringify(throughput.subscribersReceived)}; producers' delivery attempts ${JSON.stringify(throughput.producerAttempts)}.`,
      '',
    );
  }
  if (w.subscriptions) {
    const { rounds } = w.subscriptions;
    const cell = (pick: (r: any) => string) => rounds.map(pick).join(' | ');
    lines.push(
      '### 7. Subscription fan-out',
      '',
      `\`starEarned(year)\` over WebSocket (graphql-transport-ws): one anonymous connection per subscriber, one subscription each. Identical anonymous subscriptions share one subgraph subscription at the gateway, so each star is resolved once (puzzle → users for \`user\`) and written to every connection: that sharing is what is measured. ${rounds[0].events} stars per round, each a different user's \`submitAnswer\` (verdict CORRECT) through the gateway, ${w.subscriptions.eventsPerSecond}/s. Latency: from the mutation's response (the star is committed) to the subscriber's receipt, over every (event, subscriber) pair; a receipt before the response counts as negative. CPU and RSS are the gateway process's (from \`/proc\`), from before the first connection to the last receipt.`,
      '',
      `| figure | ${cell((r) => `${r.subscribers} subscribers`)} |`,
      `| --- | ${cell(() => '---')} |`,
      `| receipts received / expected | ${cell((r) => `${r.receivedReceipts} / ${r.expectedReceipts}`)} |`,
      `| latency p50 ms | ${cell((r) => fmt(r.latencyMs.p50))} |`,
      `| latency p99 ms | ${cell((r) => fmt(r.latencyMs.p99))} |`,
      `| latency max ms | ${cell((r) => fmt(r.latencyMs.max))} |`,
      `| receipts before the response | ${cell((r) => String(r.latencyMs.beforeResponse))} |`,
      `| \`submitAnswer\` answered, p50 / p99 ms | ${cell((r) => `${fmt(r.submitAnswerMs.p50)} / ${fmt(r.submitAnswerMs.p99)}`)} |`,
      `| gateway CPU s, subscribing | ${cell((r) => fmt(r.gateway.cpuSecondsSubscribing, 2))} |`,
      `| gateway CPU s, events | ${cell((r) => fmt(r.gateway.cpuSecondsEvents, 2))} |`,
      `| gateway CPU s per 1 000 subscribers (all) | ${cell((r) => fmt(r.gateway.cpuSecondsPer1000Subscribers, 2))} |`,
      `| gateway CPU s per 1 000 subscribers (events) | ${cell((r) => fmt(r.gateway.cpuSecondsEventsPer1000Subscribers, 2))} |`,
      `| gateway RSS MiB: before / subscribed / peak | ${cell((r) => `${fmt(r.gateway.rssBeforeMiB, 0)} / ${fmt(r.gateway.rssSubscribedMiB, 0)} / ${fmt(r.gateway.rssPeakMiB, 0)}`)} |`,
      `| gateway RSS growth while subscribing, per 1 000 subscribers, MiB | ${cell((r) => fmt(r.gateway.rssSubscribedGrowthPer1000SubscribersMiB, 0))} |`,
      '',
      'Per-1 000 figures from the 100-subscriber round scale fixed costs (resolving each event once, heap growth between garbage collections) by 10: read the 1 000 round for cost per subscriber. All subscribers are one client process (the bench) on the same 2 cores, so the latency includes the client handling every receipt in turn.',
      '',
    );
  }
  return lines.join('\n');
}

async function main() {
  const began = Date.now();
  const version = (name: string) => {
    try {
      return (
        JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }
      ).version;
    } catch {
      return 'unknown';
    }
  };
  report.meta = {
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    settings: { ...SETTINGS, deletes: DELETES, subscriptions: SUBSCRIPTIONS },
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
    versions: {
      node: process.version,
      '@apollo/gateway': version('@apollo/gateway'),
      '@apollo/server': version('@apollo/server'),
      '@graphql-hive/gateway-runtime': version('@graphql-hive/gateway-runtime'),
      autocannon: version('autocannon'),
    },
  };
  const needsStack = selected.some((name) => name !== 'coldstart');
  if (needsStack) {
    log('starting the stack…');
    const stack = await startStack(log);
    try {
      log('seeding the data set…');
      await seed(stack, 1);
      stack.accessToken = await signIn(stack);
      if (selected.includes('overhead')) report.workloads.overhead = await overhead(stack);
      if (selected.includes('fanout')) report.workloads.fanout = await fanout(stack);
      if (selected.includes('gateways')) report.workloads.gateways = await gateways(stack);
      if (selected.includes('sql')) report.workloads.sql = await sqlCost(stack);
      // Last on the stack: it deletes users (its own, beside the data set) and leaves the relays busy for a while.
      if (selected.includes('deletes')) report.workloads.deletes = await userDeletion(stack, DELETES);
      // After the deletes: its stars are in a year of their own, and its connections are closed at the end.
      if (selected.includes('subscriptions'))
        report.workloads.subscriptions = await subscriptionFanOut(stack, SUBSCRIPTIONS);
    } finally {
      await stack.stop();
    }
  }
  if (selected.includes('coldstart')) report.workloads.coldstart = await coldStart();
  report.meta.durationSeconds = (Date.now() - began) / 1000;

  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const stamp = (report.meta.date as string).replace(/[:.]/g, '-');
  const md = markdown();
  // latest.* is the last complete run; a run of some workloads keeps only its dated report.
  const complete = selected.length === WORKLOADS.length;
  for (const name of complete ? [stamp, 'latest'] : [stamp]) {
    writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(path.join(dir, `${name}.md`), `${md}\n`);
  }
  console.log(
    `\n${md}\nWrote bench/results/${complete ? 'latest' : stamp}.md and .json (${report.meta.durationSeconds} s).`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
