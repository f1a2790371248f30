// `npm run bench [-- <workload>…] [-- --quick] [-- --profile <process>]`: starts the stack on a fresh embedded
// Postgres, seeds the fixed data set, warms up, drives load with autocannon, and writes
// bench/results/<date>.{md,json} and latest.{md,json}. Every load figure is min/median/max of alternating runs
// taken in this one run; the deletes and subscriptions workloads (deletes.ts, subscriptions.ts) report
// percentiles of their own samples. `--profile` runs one process under V8's CPU profiler (profile.ts).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
import { drive, spread, type LoadOptions, type LoadResult, type Spread } from './load';
import { scrape, sum as sumSamples, sumBy } from './metrics';
import {
  cpuSeconds,
  interruptGroup,
  peakRssMiB,
  start,
  stop,
  track,
  treeCpuSeconds,
  waitFor,
  type BenchProcess,
} from './processes';
import { profileFile, profileMarkdown, profileProcess, summarizeProfile, type ProfileSummary } from './profile';
import { DATA_SET, ROOT, seed, signIn, startStack, SUBGRAPHS, type Stack, type SubgraphName } from './stack';
import { subscriptionFanOut, type SubscriptionsSettings } from './subscriptions';

const WORKLOADS = ['overhead', 'fanout', 'gateways', 'sql', 'coldstart', 'deletes', 'subscriptions'] as const;
type Workload = (typeof WORKLOADS)[number];

const { values, positionals } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, profile: { type: 'string' } },
  allowPositionals: true,
});
const selected = (positionals.length ? positionals : WORKLOADS) as Workload[];
for (const name of selected)
  if (!WORKLOADS.includes(name)) throw new Error(`Unknown workload "${name}"; choose from ${WORKLOADS.join(', ')}`);
const quick = values.quick;
const PROFILE_DIR = path.join(ROOT, 'bench/results/profiles');
if (values.profile) profileProcess(values.profile, PROFILE_DIR);
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
// Without variables it is the first page of users; workload 3's distinct mode walks every page with `after`.
const FANOUT_DOCUMENT =
  'query FanOut($after: String) { users(first: 20, after: $after) { edges { node { username stars(year: 2021) zoos(first: 5) { edges { node { name animalCount animals(first: 10) { totalCount edges { node { name species } } } } } } } } } }';
const FANOUT_QUERY = query(FANOUT_DOCUMENT);
const FANOUT_PAGE_SIZE = 20;

type Figures = Record<string, unknown>;
const report: { meta: Figures; workloads: Partial<Record<Workload, Figures>> } = { meta: {}, workloads: {} };

/** How a load differs from one body sent alike on every connection (see LoadOptions). */
type Variation = Pick<LoadOptions, 'headers' | 'headersPerRequest' | 'bodyPerRequest' | 'headersPerConnection'>;

async function measure(url: string, body: string, variation: Variation = {}): Promise<LoadResult> {
  return drive({ url, body, ...variation, connections: SETTINGS.connections, seconds: SETTINGS.seconds });
}

/**
 * Checks that the query succeeds (a benchmark of error responses measures nothing), then warms up.
 * Resolves with the answer's data, so that gateways can be checked to answer alike.
 */
async function warm(url: string, body: string, variation: Variation = {}): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...variation.headers,
      ...variation.headersPerConnection?.[0],
      ...variation.headersPerRequest?.(),
    },
    body: variation.bodyPerRequest?.() ?? body,
  });
  const result = (await response.json()) as { data?: unknown; errors?: unknown };
  if (!response.ok || result.errors || !result.data)
    throw new Error(`${url} did not answer the benchmark query: ${JSON.stringify(result)}`);
  await drive({
    url,
    body,
    ...variation,
    connections: SETTINGS.connections,
    seconds: SETTINGS.warmupSeconds,
  });
  return result.data;
}

/** A fresh gateway-signed claims header for every request: subgraphs answer only signed callers, once per header. */
function gatewayClaims(stack: Stack, audience: string, body: string): () => Record<string, string> {
  const keys = serviceKeys('gateway', signingKeyFromPem(stack.gatewayClaimsKeyPem));
  const { query: text, variables } = JSON.parse(body) as { query: string; variables?: unknown };
  const digest = requestDigest(text, variables);
  return () => ({ [CLAIMS_HEADER]: signForwardedClaims(keys, { audience, viewer: null, digest }) });
}

/** Runs the targets in turn, `runs` rounds, so drift affects all alike; returns each target's results. */
async function alternate<T>(targets: Record<string, () => Promise<T>>): Promise<Record<string, T[]>> {
  const results: Record<string, T[]> = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
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

/** `mine` / `theirs` RPS, round by round (each pair ran back to back). */
const rpsRatio = (mine: LoadResult[], theirs: LoadResult[]) =>
  spread(mine.map((result, index) => result.rps / theirs[index]!.rps));

// ---- What a run costs: CPU per process from /proc, requests the subgraphs served from their metrics ----

const COSTED = ['gateway', ...SUBGRAPHS, 'postgres'] as const;
type Costed = (typeof COSTED)[number];

interface CostedRun {
  load: LoadResult;
  cpuSeconds: Record<Costed, number>;
  /** GraphQL requests the four subgraphs answered during the run, by outcome (success, error, rejected). */
  subgraphRequests: Record<string, number>;
}

function cpuNow(stack: Stack, gatewayPid: number): Record<Costed, number> {
  const pid = (name: string) => stack.processes.find((process_) => process_.name === name)!.child.pid!;
  return {
    gateway: cpuSeconds(gatewayPid),
    ...(Object.fromEntries(SUBGRAPHS.map((name) => [name, cpuSeconds(pid(name))])) as Record<SubgraphName, number>),
    postgres: treeCpuSeconds(stack.postgresPid),
  };
}

async function subgraphRequestsSoFar(stack: Stack): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const name of SUBGRAPHS)
    for (const [outcome, count] of Object.entries(
      sumBy(await scrape(stack.metricsUrls[name]), 'supergraph_graphql_requests_total', 'outcome'),
    ))
      totals[outcome] = (totals[outcome] ?? 0) + count;
  return totals;
}

/** Runs `load` against the gateway process `gatewayPid` and reads what it cost every process. */
async function costed(stack: Stack, gatewayPid: number, load: () => Promise<LoadResult>): Promise<CostedRun> {
  const requestsBefore = await subgraphRequestsSoFar(stack);
  const cpuBefore = cpuNow(stack, gatewayPid);
  const result = await load();
  const cpuAfter = cpuNow(stack, gatewayPid);
  const requestsAfter = await subgraphRequestsSoFar(stack);
  return {
    load: result,
    cpuSeconds: Object.fromEntries(COSTED.map((name) => [name, cpuAfter[name] - cpuBefore[name]])) as Record<
      Costed,
      number
    >,
    subgraphRequests: Object.fromEntries(
      Object.entries(requestsAfter).map(([outcome, count]) => [outcome, count - (requestsBefore[outcome] ?? 0)]),
    ),
  };
}

/** CPU ms per client request, by process, and subgraph requests per client request, over all rounds. */
function costPerRequest(runs: CostedRun[]) {
  const requests = runs.reduce((total, run) => total + run.load.requests, 0) || 1;
  const cpuMs = Object.fromEntries(
    COSTED.map((name) => [name, (runs.reduce((total, run) => total + run.cpuSeconds[name], 0) * 1000) / requests]),
  ) as Record<Costed, number>;
  const subgraphRequests = (pick: (outcome: string) => boolean) =>
    runs.reduce(
      (total, run) =>
        total + Object.entries(run.subgraphRequests).reduce((sum, [o, count]) => sum + (pick(o) ? count : 0), 0),
      0,
    );
  return {
    cpuMsPerRequest: {
      ...cpuMs,
      subgraphs: SUBGRAPHS.reduce((total, name) => total + cpuMs[name], 0),
      all: COSTED.reduce((total, name) => total + cpuMs[name], 0),
    },
    subgraphRequestsPerRequest: subgraphRequests(() => true) / requests,
    /** Subgraph answers that were not a success (errors, rejected callers): 0 expected. */
    subgraphRequestsFailed: subgraphRequests((outcome) => outcome !== 'success'),
  };
}

const costedSummary = (runs: CostedRun[]) => ({
  ...summary(runs.map((run) => run.load)),
  ...costPerRequest(runs),
});

async function overhead(stack: Stack) {
  const auth = { authorization: `Bearer ${stack.accessToken}` };
  // Direct calls sign their claims as the gateway does (in the load generator's process).
  const claims = { headersPerRequest: gatewayClaims(stack, 'users', OVERHEAD_QUERY) };
  await warm(stack.subgraphUrls.users, OVERHEAD_QUERY, claims);
  await warm(stack.gatewayUrl, OVERHEAD_QUERY, { headers: auth });
  const results = await alternate({
    direct: () => measure(stack.subgraphUrls.users, OVERHEAD_QUERY, claims),
    gateway: () => measure(stack.gatewayUrl, OVERHEAD_QUERY, { headers: auth }),
  });
  return {
    query: 'users(first: 10) on the users subgraph',
    direct: summary(results.direct!),
    gateway: summary(results.gateway!),
    ratio: rpsRatio(results.gateway!, results.direct!),
  };
}

/** Registers `count` users through the gateway; resolves with their access tokens. */
async function registerViewers(stack: Stack, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let index = 0; index < count; index++) {
    const username = `bench_viewer_${index}`;
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: query('mutation($input: RegisterInput!) { register(input: $input) { accessToken } }', {
        input: { username, email: `${username}@example.com`, password: `${username}-password-1` },
      }),
    });
    const body = (await response.json()) as { data?: { register: { accessToken: string } }; errors?: unknown };
    if (!body.data) throw new Error(`could not register ${username}: ${JSON.stringify(body.errors)}`);
    tokens.push(body.data.register.accessToken);
  }
  return tokens;
}

const gatewayPidOf = (stack: Stack) => stack.processes.find((process_) => process_.name === 'gateway')!.child.pid!;

async function fanout(stack: Stack) {
  const oneUser: Variation = { headers: { authorization: `Bearer ${stack.accessToken}` } };
  // Each connection its own user: nothing a gateway does for one viewer may be shared with another.
  const tokens = await registerViewers(stack, SETTINGS.connections);
  const perUser: Variation = { headersPerConnection: tokens.map((token) => ({ authorization: `Bearer ${token}` })) };
  await warm(stack.gatewayUrl, FANOUT_QUERY, oneUser);
  await warm(stack.gatewayUrl, FANOUT_QUERY, perUser);
  const pid = gatewayPidOf(stack);
  const results = await alternate({
    oneUser: () => costed(stack, pid, () => measure(stack.gatewayUrl, FANOUT_QUERY, oneUser)),
    perUser: () => costed(stack, pid, () => measure(stack.gatewayUrl, FANOUT_QUERY, perUser)),
  });
  return {
    query: 'users(first: 20) → stars, zoos(first: 5) → animalCount, animals(first: 10): all four subgraphs',
    oneUser: costedSummary(results.oneUser!),
    perUser: { users: tokens.length, ...costedSummary(results.perUser!) },
    peakRssMiB: {
      ...Object.fromEntries(stack.processes.map((process_) => [process_.name, peakRssMiB(process_.child.pid!)])),
      postgres: peakRssMiB(stack.postgresPid),
    },
  };
}

/** Cursors of every page of `FANOUT_PAGE_SIZE` users (null for the first), read through our gateway. */
async function pageCursors(stack: Stack): Promise<(string | null)[]> {
  const cursors: (string | null)[] = [null];
  for (;;) {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: query(
        `query Pages($after: String) { users(first: ${FANOUT_PAGE_SIZE}, after: $after) { pageInfo { hasNextPage endCursor } } }`,
        { after: cursors.at(-1) },
      ),
    });
    const body = (await response.json()) as {
      data?: { users: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    };
    const page = body.data?.users.pageInfo;
    if (!page) throw new Error(`could not page through users: ${JSON.stringify(body)}`);
    // Only the seeded users' pages, all full (users registered since sort last, in a short page).
    if (!page.hasNextPage || !page.endCursor || cursors.length === DATA_SET.users / FANOUT_PAGE_SIZE) return cursors;
    cursors.push(page.endCursor);
  }
}

interface GatewayVariant {
  /** Its process name (what --profile takes). */
  name: string;
  label: string;
  script: string;
  env?: Record<string, string>;
  /** Reported as unavailable, with the reason, if it cannot start or answer, instead of failing the run. */
  optional?: boolean;
}

const OTHER_GATEWAYS: Record<string, GatewayVariant> = {
  plain: { name: 'plain-apollo-gateway', label: 'plain @apollo/gateway', script: 'plain-gateway.ts' },
  hive: { name: 'hive-gateway', label: 'Hive Gateway (defaults: deduplication on)', script: 'hive-gateway.ts' },
  hiveNoDedup: {
    name: 'hive-gateway-no-dedup',
    label: 'Hive Gateway, deduplication off',
    script: 'hive-gateway.ts',
    env: { HIVE_DEDUPLICATE: 'false' },
  },
  hiveRouter: {
    name: 'hive-router-runtime',
    label: 'Hive Gateway + router-runtime (Rust planner)',
    script: 'hive-gateway.ts',
    env: { HIVE_ROUTER_RUNTIME: 'true' },
    optional: true,
  },
};

const GATEWAY_MODES = ['identical', 'distinct'] as const;

async function gateways(stack: Stack) {
  const env = { BENCH_CLAIMS_SIGNING_KEY: stack.gatewayClaimsKeyPem, SUPERGRAPH_SDL_FILE: stack.supergraphFile };
  const runner = ['--conditions=@supergraph/source', '-r', '@swc-node/register'];
  const started: Record<string, { process: BenchProcess; url: string }> = {};
  const unavailable: Record<string, string> = {};
  const reason = (error: unknown) =>
    (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 12).join('\n').slice(0, 2_000);
  const cursors = await pageCursors(stack);
  const bodies = cursors.map((after) => query(FANOUT_DOCUMENT, { after }));
  let next = 0;
  const modes: Record<(typeof GATEWAY_MODES)[number], Variation> = {
    identical: {},
    // Every request another page (so other users, zoos, animals): in flight together, no two are alike.
    distinct: { bodyPerRequest: () => bodies[next++ % bodies.length]! },
  };
  try {
    for (const [key, variant] of Object.entries(OTHER_GATEWAYS)) {
      const port = await freePort();
      started[key] = {
        process: start(
          variant.name,
          [...runner, path.join(__dirname, variant.script)],
          { ...env, ...variant.env, PORT: String(port) },
          path.join(ROOT, 'bench'),
        ),
        url: `http://127.0.0.1:${port}/graphql`,
      };
    }
    const urls: Record<string, string> = { ours: stack.gatewayUrl };
    const pids: Record<string, number> = { ours: gatewayPidOf(stack) };
    const answers: Record<string, string> = {};
    const probe = { method: 'POST', headers: { 'content-type': 'application/json' }, body: query('{ __typename }') };
    for (const [key, { process: process_, url }] of Object.entries(started)) {
      try {
        await waitFor(url, OTHER_GATEWAYS[key]!.label, process_, 60_000, probe);
        answers[key] = JSON.stringify(await warm(url, FANOUT_QUERY));
        urls[key] = url;
        pids[key] = process_.child.pid!;
      } catch (error) {
        if (!OTHER_GATEWAYS[key]!.optional) throw error;
        unavailable[key] = reason(error);
        log(`${OTHER_GATEWAYS[key]!.label} is unavailable: ${unavailable[key]}`);
        await stop(process_);
      }
    }
    answers.ours = JSON.stringify(await warm(urls.ours!, FANOUT_QUERY));
    // The same data from every gateway, or the comparison compares different work.
    const differentAnswers = Object.keys(answers).filter((key) => answers[key] !== answers.ours);
    const results: Record<string, Record<string, unknown>> = {};
    for (const mode of GATEWAY_MODES) {
      log(`gateways, ${mode} requests: ${Object.keys(urls).join(', ')}`);
      for (const url of Object.values(urls)) await warm(url, FANOUT_QUERY, modes[mode]);
      const runs = await alternate(
        Object.fromEntries(
          Object.keys(urls).map((key) => [
            key,
            () => costed(stack, pids[key]!, () => measure(urls[key]!, FANOUT_QUERY, modes[mode])),
          ]),
        ),
      );
      const loads = (key: string) => runs[key]!.map((run) => run.load);
      results[mode] = {
        ...Object.fromEntries(Object.keys(runs).map((key) => [key, costedSummary(runs[key]!)])),
        ratios: Object.fromEntries(
          Object.keys(runs)
            .filter((key) => key !== 'ours')
            .map((key) => [key, rpsRatio(loads('ours'), loads(key))]),
        ),
      };
    }
    return {
      query: `the fan-out query, anonymous, same supergraph file and subgraphs, one process each; distinct: ${bodies.length} pages of ${FANOUT_PAGE_SIZE} users in turn`,
      gateways: Object.fromEntries([
        ['ours', 'ours (all plugins)'],
        ...Object.entries(OTHER_GATEWAYS).map(([key, variant]) => [key, variant.label]),
      ]),
      unavailable,
      differentAnswers,
      ...results,
    };
  } finally {
    for (const { process: process_ } of Object.values(started)) await stop(process_);
  }
}

/** SQL statements the subgraphs ran, from their own metrics (Kysely's log hook counts every statement). */
async function statementsSoFar(stack: Stack): Promise<number> {
  let total = 0;
  for (const name of SUBGRAPHS)
    total += sumSamples(await scrape(stack.metricsUrls[name]), 'supergraph_db_query_duration_seconds_count');
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
  const cpuMs = (value: number) => fmt(value, 2);
  /** One row per costed target: CPU ms per request by process, subgraph requests per request. */
  const costRows = (rows: [string, any][]) => [
    `| target | RPS (median) | p50 ms | ${COSTED.join(' | ')} | subgraphs | all | subgraph requests / request | failed subgraph requests |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      ([label, figures]) =>
        `| ${label} | ${fmt(figures.rps.median)} | ${fmt(figures.p50.median)} | ${COSTED.map((name) => cpuMs(figures.cpuMsPerRequest[name])).join(' | ')} | ${cpuMs(figures.cpuMsPerRequest.subgraphs)} | ${cpuMs(figures.cpuMsPerRequest.all)} | ${fmt(figures.subgraphRequestsPerRequest, 2)} | ${figures.subgraphRequestsFailed} |`,
    ),
    '',
  ];
  if (w.fanout) {
    const { oneUser, perUser } = w.fanout;
    lines.push(
      '### 2. Federated fan-out',
      '',
      `Through our gateway with a JWT: every connection as one user, then each of ${perUser.users} connections as its own user.`,
      '',
      '| figure | one user: min | median | max | per user: min | median | max |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...(['rps', 'p50', 'p95', 'p99'] as const).map(
        (figure) =>
          `| ${figure === 'rps' ? 'RPS' : `${figure} ms`} | ${fmt(oneUser[figure].min)} | ${fmt(oneUser[figure].median)} | ${fmt(oneUser[figure].max)} | ${fmt(perUser[figure].min)} | ${fmt(perUser[figure].median)} | ${fmt(perUser[figure].max)} |`,
      ),
      '',
      'CPU ms per request (from `/proc`, over all rounds):',
      '',
      ...costRows([
        ['one user', oneUser],
        ['each connection its own user', perUser],
      ]),
      `Peak RSS MiB: ${Object.entries(w.fanout.peakRssMiB as Record<string, number>)
        .map(([name, mib]) => `${name} ${fmt(mib, 0)}`)
        .join(', ')}.`,
      '',
    );
  }
  if (w.gateways) {
    const g = w.gateways;
    const keys = Object.keys(g.gateways).filter((key) => g.identical[key]);
    const both = (pick: (mode: any) => Spread | undefined, digits = 1) =>
      GATEWAY_MODES.map((mode) => {
        const figure = pick(g[mode]);
        return figure
          ? `${fmt(figure.min, digits)} | ${fmt(figure.median, digits)} | ${fmt(figure.max, digits)}`
          : '– | – | –';
      }).join(' | ');
    lines.push(
      '### 3. Gateways side by side',
      '',
      `The anonymous fan-out query, the same supergraph file and subgraphs, one process per gateway. *Identical*: every connection sends the same request (a gateway that deduplicates in-flight subgraph fetches can share them). *Distinct*: each request is another page of users (${g.query.split('distinct: ')[1]}), so no two requests in flight have a subgraph fetch in common.`,
      '',
      '| RPS | identical: min | median | max | distinct: min | median | max |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...keys.map((key) => `| ${g.gateways[key]} | ${both((mode) => mode[key].rps)} |`),
      ...keys
        .filter((key) => key !== 'ours')
        .map((key) => `| **ours / ${g.gateways[key]}** | ${both((mode) => mode.ratios[key], 3)} |`),
      '',
      ...Object.entries(g.unavailable as Record<string, string>).flatMap(([key, why]) => [
        `${g.gateways[key]}: **unavailable** — ${why.split('\n')[0]}`,
        '',
      ]),
      ...(g.differentAnswers.length
        ? [`**Answers differ** from ours: ${g.differentAnswers.map((key: string) => g.gateways[key]).join(', ')}.`, '']
        : ['Every gateway answered the check request with the same data.', '']),
      'CPU ms per request by process (from `/proc`; "gateway" is the gateway under test) and subgraph requests per client request (the subgraphs\' `supergraph_graphql_requests_total`), over all rounds:',
      '',
      ...costRows(
        GATEWAY_MODES.flatMap((mode) =>
          keys.map((key) => [`${g.gateways[key]}, ${mode}`, g[mode][key]] as [string, any]),
        ),
      ),
    );
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
    ...(values.profile && { profiled: `${values.profile} (under --cpu-prof: its figures are slower than unprofiled)` }),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
    versions: {
      node: process.version,
      '@apollo/gateway': version('@apollo/gateway'),
      '@apollo/server': version('@apollo/server'),
      '@graphql-hive/gateway-runtime': version('@graphql-hive/gateway-runtime'),
      '@graphql-hive/router-runtime': version('@graphql-hive/router-runtime'),
      autocannon: version('autocannon'),
    },
  };
  const stamp = (report.meta.date as string).replace(/[:.]/g, '-');
  const profiled = profileFile();
  if (profiled) {
    mkdirSync(PROFILE_DIR, { recursive: true });
    rmSync(profiled, { force: true });
  }
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

  // The profiled process wrote its profile as it exited (every process has stopped by now).
  let profileSummary: ProfileSummary | undefined;
  if (profiled) {
    if (existsSync(profiled)) {
      const kept = path.join(PROFILE_DIR, `${stamp}-${values.profile}.cpuprofile`);
      renameSync(profiled, kept);
      profileSummary = summarizeProfile(kept, ROOT);
      writeFileSync(
        kept.replace(/\.cpuprofile$/, '.md'),
        `${profileMarkdown(values.profile!, profileSummary, ROOT).join('\n')}\n`,
      );
      report.meta.profile = profileSummary;
    } else {
      report.meta.profile = `${values.profile} wrote no profile: the selected workloads did not start it, or it did not exit normally`;
    }
  }

  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const md = [markdown(), ...(profileSummary ? profileMarkdown(values.profile!, profileSummary, ROOT) : [])].join('\n');
  // latest.* is the last complete run; a run of some workloads keeps only its dated report.
  const complete = selected.length === WORKLOADS.length && !values.profile;
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
