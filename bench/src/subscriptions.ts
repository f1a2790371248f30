// The subscriptions workload: N anonymous graphql-ws subscribers of `starEarned` at the gateway, then stars
// earned through the gateway at a fixed rate. Figures: the time from each `submitAnswer` response (the star is
// committed) to its receipt by each subscriber, events received against expected, and the gateway's CPU and
// memory per 1 000 subscribers. The subscribers ask the same thing anonymously, so the gateway shares one
// subgraph subscription among them and resolves each event once: that sharing is what is measured.
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import { percentile } from './load';
import { scrape, sum } from './metrics';
import { cpuSeconds, rssMiB } from './processes';
import { adminAccessToken, type Stack } from './stack';

export interface SubscriptionsSettings {
  /** Subscriber counts, one round each. */
  subscribers: number[];
  /** Stars earned per round, each by a different user. */
  events: number;
  /** Stars earned per second. */
  eventsPerSecond: number;
}

export interface LatencyFigures {
  p50: number;
  p99: number;
  max: number;
  /** Receipts that arrived before the mutation's response did (negative latency). */
  beforeResponse: number;
}

/** A year of its own, so that no other workload's stars reach the subscribers. */
const YEAR = 2099;
const STAR_EARNED =
  'subscription StarEarned($year: Int!) { starEarned(year: $year) { part earnedAt user { username } puzzle { day } } }';
const SUBMIT = 'mutation($input: SubmitAnswerInput!) { submitAnswer(input: $input) { verdict } }';
/** Connections opened at once while subscribing (1 000 at once would measure a connection storm instead). */
const OPENING_BATCH = 50;
/** How long after the last mutation's response the bench waits for events still on their way. */
const DRAIN_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Solver {
  username: string;
  accessToken: string;
}

interface StarEvent {
  starEarned: { part: number; user: { username: string }; puzzle: { day: number } };
}
const eventKey = (username: string, day: number, part: number) => `${username}/${day}/${part}`;

async function gatewayCall<T>(stack: Stack, text: string, variables: unknown, accessToken?: string): Promise<T> {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accessToken && { authorization: `Bearer ${accessToken}` }) },
    body: JSON.stringify({ query: text, variables }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: unknown };
  if (!body.data) throw new Error(`${text.slice(0, 40)}… failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** One puzzle per round, unlocked a day ago, with known answers. */
async function createPuzzle(stack: Stack, adminToken: string, day: number): Promise<string> {
  const input = {
    year: YEAR,
    day,
    title: `Bench day ${day}`,
    description: 'Add up the candles.',
    input: '3\n4\n',
    answerPart1: '7',
    answerPart2: '12',
    unlocksAt: new Date(Date.now() - 86_400_000).toISOString(),
  };
  const data = await gatewayCall<{ createPuzzle: { id: string } }>(
    stack,
    'mutation($input: CreatePuzzleInput!) { createPuzzle(input: $input) { id } }',
    { input },
    adminToken,
  );
  return data.createPuzzle.id;
}

/** `count` users registered through the gateway (a few at a time: each registration hashes a password). */
async function registerSolvers(stack: Stack, count: number): Promise<Solver[]> {
  const solvers: Solver[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < count) {
        const username = `star_solver_${next++}`;
        const data = await gatewayCall<{ register: { accessToken: string } }>(
          stack,
          'mutation($input: RegisterInput!) { register(input: $input) { accessToken } }',
          { input: { username, email: `${username}@example.com`, password: 'star-solver-password-1' } },
        );
        solvers.push({ username, accessToken: data.register.accessToken });
      }
    }),
  );
  return solvers;
}

/** The gateway's `supergraph_subscriptions_active` (subscriptions running for clients). */
async function activeSubscriptions(stack: Stack): Promise<number> {
  return sum(await scrape(stack.metricsUrls.gateway), 'supergraph_subscriptions_active');
}

async function untilActive(stack: Stack, count: number, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let active = await activeSubscriptions(stack);
  while (active !== count) {
    if (performance.now() > deadline) throw new Error(`${active} subscriptions active at the gateway, not ${count}`);
    await sleep(50);
    active = await activeSubscriptions(stack);
  }
}

/** Samples the gateway's resident memory every 50 ms until stopped; returns the largest sample. */
function sampleRss(pid: number): () => number {
  let peak = rssMiB(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 50);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssMiB(pid));
  };
}

async function round(
  stack: Stack,
  settings: SubscriptionsSettings,
  subscribers: number,
  day: number,
  solvers: Solver[],
) {
  const adminToken = await adminAccessToken(stack, `bench_puzzle_admin_${day}`);
  const puzzleId = await createPuzzle(stack, adminToken, day);
  const gateway = stack.processes.find((candidate) => candidate.name === 'gateway')!.child.pid!;
  const baseline = await activeSubscriptions(stack);
  const wsUrl = stack.gatewayUrl.replace(/^http/, 'ws');

  // receipts[key] holds performance.now() of each subscriber's receipt of that event.
  const receipts = new Map<string, number[]>();
  let unexpected = 0;
  const errors: unknown[] = [];
  const clients: Client[] = [];
  const rssBefore = rssMiB(gateway);
  const cpuBefore = cpuSeconds(gateway);
  const peakRss = sampleRss(gateway);
  try {
    for (let opened = 0; opened < subscribers; opened += OPENING_BATCH) {
      const batch = Array.from({ length: Math.min(OPENING_BATCH, subscribers - opened) }, () =>
        createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false }),
      );
      clients.push(...batch);
      for (const client of batch)
        client.subscribe<StarEvent>(
          { query: STAR_EARNED, variables: { year: YEAR }, operationName: 'StarEarned' },
          {
            next: ({ data }) => {
              const at = performance.now();
              const star = data?.starEarned;
              const list = star && receipts.get(eventKey(star.user.username, star.puzzle.day, star.part));
              if (list) list.push(at);
              else unexpected++;
            },
            error: (error) => errors.push(error),
            complete: () => {},
          },
        );
      await untilActive(stack, baseline + opened + batch.length);
    }
    const cpuSubscribed = cpuSeconds(gateway);
    const rssSubscribed = rssMiB(gateway);

    // E stars, one every 1/rate s on a fixed schedule (a slow mutation does not delay the next one).
    const committed = new Map<string, number>();
    const answered: number[] = [];
    const began = performance.now();
    await Promise.all(
      solvers.map(async (solver, index) => {
        await sleep(Math.max(0, began + (index * 1000) / settings.eventsPerSecond - performance.now()));
        const key = eventKey(solver.username, day, 1);
        receipts.set(key, []);
        const sent = performance.now();
        const data = await gatewayCall<{ submitAnswer: { verdict: string } }>(
          stack,
          SUBMIT,
          { input: { puzzleId, part: 1, answer: '7' } },
          solver.accessToken,
        );
        const at = performance.now();
        if (data.submitAnswer.verdict !== 'CORRECT') throw new Error(`${key}: ${data.submitAnswer.verdict}`);
        committed.set(key, at);
        answered.push(at - sent);
      }),
    );
    const expected = subscribers * solvers.length;
    const count = () => [...receipts.values()].reduce((sum, list) => sum + list.length, 0);
    const drainUntil = performance.now() + DRAIN_MS;
    while (count() < expected && performance.now() < drainUntil) await sleep(20);
    const cpuAfter = cpuSeconds(gateway);
    const rssPeak = peakRss();
    const eventsSeconds = (performance.now() - began) / 1000;

    const latencies = [...receipts].flatMap(([key, list]) => list.map((at) => at - committed.get(key)!));
    const sorted = latencies.sort((a, b) => a - b);
    const perThousand = 1000 / subscribers;
    const latency: LatencyFigures = {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? 0,
      beforeResponse: sorted.filter((value) => value < 0).length,
    };
    const mutation = [...answered].sort((a, b) => a - b);
    return {
      subscribers,
      connections: subscribers,
      events: solvers.length,
      expectedReceipts: expected,
      receivedReceipts: count(),
      unexpectedReceipts: unexpected,
      subscriberErrors: errors.length,
      latencyMs: latency,
      submitAnswerMs: { p50: percentile(mutation, 50), p99: percentile(mutation, 99) },
      eventsSeconds,
      gateway: {
        cpuSecondsSubscribing: cpuSubscribed - cpuBefore,
        cpuSecondsEvents: cpuAfter - cpuSubscribed,
        cpuSecondsEventsPer1000Subscribers: (cpuAfter - cpuSubscribed) * perThousand,
        cpuSecondsPer1000Subscribers: (cpuAfter - cpuBefore) * perThousand,
        rssBeforeMiB: rssBefore,
        rssSubscribedMiB: rssSubscribed,
        rssPeakMiB: rssPeak,
        rssSubscribedGrowthPer1000SubscribersMiB: (rssSubscribed - rssBefore) * perThousand,
      },
    };
  } finally {
    peakRss();
    await Promise.all(clients.map((client) => client.dispose()));
    await untilActive(stack, baseline);
  }
}

export async function subscriptionFanOut(stack: Stack, settings: SubscriptionsSettings) {
  const solvers = await registerSolvers(stack, settings.events * settings.subscribers.length);
  const rounds = [];
  for (const [index, subscribers] of settings.subscribers.entries()) {
    const mine = solvers.slice(index * settings.events, (index + 1) * settings.events);
    rounds.push(await round(stack, settings, subscribers, index + 1, mine));
  }
  return {
    subscription: STAR_EARNED,
    transport: 'WebSocket (graphql-transport-ws), one anonymous connection per subscriber, one subscription each',
    eventsPerSecond: settings.eventsPerSecond,
    rounds,
  };
}
