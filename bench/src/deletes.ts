// The deletes workload: `deleteUser` through the gateway, then the domain events through each producer's
// outbox (users → zoo, animal, puzzle: UserDeleted; zoo → animal: ZooDeleted) until no database holds the
// user. Two figures: the time from sending the mutation to convergence in all four databases, one delete at
// a time, and the deliveries per second while many deletes drain at once. Its users are its own, made by SQL
// beside the fixed data set, so the data set the other workloads read is left as it was.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { percentile } from './load';
import { scrape, sumBy } from './metrics';
import { adminAccessToken, SEEDED_PASSWORD_HASH, SUBGRAPHS, withClient, type Stack, type SubgraphName } from './stack';

export interface DeletesSettings {
  /** Users deleted one after another for the latency figures. */
  latencyUsers: number;
  /** Users deleted at once for the throughput figure. */
  throughputUsers: number;
  /** Mutations in flight while deleting `throughputUsers`. */
  concurrency: number;
  /** How often the databases are read while waiting for convergence. */
  pollMs: number;
}

/** A user who owns something in every subgraph, and the zoos they own (each one a ZooDeleted to come). */
interface Leaver {
  id: string;
  zooIds: string[];
}

export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
  samples: number[];
}

const DELETE_USER = 'mutation DeleteUser($id: ID!) { deleteUser(id: $id) }';
const ANIMALS_PER_ZOO = 4;
const PUZZLES_COMPLETED = 3;
/** Deliveries one deleted user causes: UserDeleted to zoo, animal and puzzle; ZooDeleted to animal per zoo. */
const deliveriesFor = (users: number, zoos: number) => users * 3 + zoos;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0, samples };
}

/**
 * `count` users, each with a zoo holding their animals and one animal of a user who stays (ZooDeleted must
 * take it out of the zoo), an animal in no zoo, stars on three puzzles, a submission, a board of their own
 * with the stayer on it, and a seat on the stayer's board. Straight SQL, like the fixed data set.
 */
async function seedLeavers(stack: Stack, count: number, tag: string): Promise<Leaver[]> {
  const { stayerId, ids } = await withClient(stack.databaseUrl('users'), async (client) => {
    const insert = `insert into users (username, email, password_hash)
       select $2 || n, $2 || n || '@example.com', $1 from generate_series(1, $3::int) as n returning id`;
    const stayer = await client.query<{ id: string }>(insert, [SEEDED_PASSWORD_HASH, `stayer_${tag}_`, 1]);
    const leavers = await client.query<{ id: string }>(insert, [SEEDED_PASSWORD_HASH, `leaver_${tag}_`, count]);
    return { stayerId: stayer.rows[0]!.id, ids: leavers.rows.map((row) => row.id) };
  });
  const zoos = await withClient(stack.databaseUrl('zoo'), async (client) => {
    const { rows } = await client.query<{ id: string; owner_id: string }>(
      `insert into zoos (name, description, owner_id)
       select 'Leaver zoo ' || u.i, 'Deleted by the bench', u.id from unnest($1::uuid[]) with ordinality as u(id, i)
       returning id, owner_id`,
      [ids],
    );
    return rows;
  });
  await withClient(stack.databaseUrl('animal'), async (client) => {
    await client.query(
      `insert into animals (name, species, owner_id, zoo_id)
       select 'Leaver animal ' || n, 'Otter', z.owner_id, z.id
       from unnest($1::uuid[], $2::uuid[]) as z(id, owner_id) cross join generate_series(1, $3::int) as n`,
      [zoos.map((zoo) => zoo.id), zoos.map((zoo) => zoo.owner_id), ANIMALS_PER_ZOO],
    );
    await client.query(
      `insert into animals (name, species, owner_id, zoo_id)
       select 'Stayer animal', 'Owl', $2::uuid, z.id from unnest($1::uuid[]) as z(id)
       union all
       select 'Leaver animal at home', 'Gnu', u.id, null from unnest($3::uuid[]) as u(id)`,
      [zoos.map((zoo) => zoo.id), stayerId, ids],
    );
  });
  await withClient(stack.databaseUrl('puzzle'), async (client) => {
    const puzzles = await client.query<{ id: string }>('select id from puzzles order by year, day limit $1', [
      PUZZLES_COMPLETED,
    ]);
    const puzzleIds = puzzles.rows.map((row) => row.id);
    await client.query(
      `insert into completions (user_id, puzzle_id, part, completed_at)
       select u.id, p.id, part, now() from unnest($1::uuid[]) as u(id) cross join unnest($2::uuid[]) as p(id)
       cross join (values (1), (2)) as parts(part)`,
      [ids, puzzleIds],
    );
    await client.query(
      `insert into submissions (user_id, puzzle_id, part, answer_hash, verdict, submitted_at)
       select u.id, $2::uuid, 1, 'h', 'WRONG', now() from unnest($1::uuid[]) as u(id)`,
      [ids, puzzleIds[0]],
    );
    const code = () => randomBytes(8).toString('hex');
    const stayerBoard = await client.query<{ id: string }>(
      `insert into leaderboards (name, year, owner_id, join_code) values ('Stayer board', 2021, $1, $2) returning id`,
      [stayerId, code()],
    );
    const boards = await client.query<{ id: string; owner_id: string }>(
      `insert into leaderboards (name, year, owner_id, join_code)
       select 'Leaver board', 2021, u.id, c from unnest($1::uuid[], $2::text[]) as u(id, c) returning id, owner_id`,
      [ids, ids.map(code)],
    );
    await client.query(
      `insert into leaderboard_members (leaderboard_id, user_id)
       select b.id, b.owner_id from unnest($1::uuid[], $2::uuid[]) as b(id, owner_id)
       union all select b.id, $3::uuid from unnest($1::uuid[]) as b(id)
       union all select $4::uuid, $3::uuid
       union all select $4::uuid, u.id from unnest($2::uuid[]) as u(id)`,
      [boards.rows.map((row) => row.id), boards.rows.map((row) => row.owner_id), stayerId, stayerBoard.rows[0]!.id],
    );
  });
  return ids.map((id) => ({ id, zooIds: zoos.filter((zoo) => zoo.owner_id === id).map((zoo) => zoo.id) }));
}

async function deleteUser(stack: Stack, accessToken: string, id: string): Promise<void> {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ query: DELETE_USER, variables: { id } }),
  });
  const body = (await response.json()) as { data?: { deleteUser: boolean } | null; errors?: unknown };
  if (body.data?.deleteUser !== true) throw new Error(`deleteUser(${id}) failed: ${JSON.stringify(body)}`);
}

/** Whether a producer's outbox still owes a delivery of an event about any of `aggregateIds`. */
const OWES = `exists (select 1 from outbox_deliveries d join outbox_events e on e.id = d.event_id
  where e.aggregate_id = any($1::uuid[]))`;

/**
 * Reads, in the events' causal order, whether `users` are gone everywhere: the users outbox owes nothing
 * about them (so zoo, animal and puzzle have applied UserDeleted, and zoo has published its ZooDeleted in
 * the same transaction), then zoo holds none of their zoos and owes nothing about those zoos (so animal has
 * applied ZooDeleted), then no animal is theirs or in their zoos, then puzzle holds none of their rows.
 * Read in this order, a stage that was true stays true, so all true means converged. Returns how many
 * stages hold (0–4), stopping at the first that does not.
 */
async function stagesDone(clients: Record<SubgraphName, pg.Client>, users: Leaver[]): Promise<number> {
  const ids = users.map((user) => user.id);
  const zooIds = users.flatMap((user) => user.zooIds);
  const none = async (name: SubgraphName, text: string, values: unknown[]) =>
    (await clients[name].query<{ none: boolean }>(`select not (${text}) as none`, values)).rows[0]!.none;
  if (!(await none('users', `exists (select 1 from users where id = any($1::uuid[])) or ${OWES}`, [ids]))) return 0;
  if (!(await none('zoo', `exists (select 1 from zoos where owner_id = any($2::uuid[])) or ${OWES}`, [zooIds, ids])))
    return 1;
  const animals = 'exists (select 1 from animals where owner_id = any($1::uuid[]) or zoo_id = any($2::uuid[]))';
  if (!(await none('animal', animals, [ids, zooIds]))) return 2;
  const puzzle = `exists (select 1 from completions where user_id = any($1::uuid[]))
    or exists (select 1 from submissions where user_id = any($1::uuid[]))
    or exists (select 1 from leaderboard_members where user_id = any($1::uuid[]))
    or exists (select 1 from leaderboards where owner_id = any($1::uuid[]))`;
  if (!(await none('puzzle', puzzle, [ids]))) return 3;
  return 4;
}

/**
 * Polls every `pollMs` until `users` have converged; returns when (performance.now()) the first stage
 * (UserDeleted applied by all three subscribers) and the last were first seen to hold.
 */
async function untilConverged(
  clients: Record<SubgraphName, pg.Client>,
  users: Leaver[],
  pollMs: number,
  timeoutMs = 120_000,
): Promise<{ userDeletedAppliedAt: number; convergedAt: number; polls: number }> {
  const deadline = performance.now() + timeoutMs;
  let userDeletedAppliedAt = 0;
  for (let polls = 1; ; polls++) {
    const began = performance.now();
    const stages = await stagesDone(clients, users);
    const now = performance.now();
    if (stages >= 1 && !userDeletedAppliedAt) userDeletedAppliedAt = now;
    if (stages === 4) return { userDeletedAppliedAt, convergedAt: now, polls };
    if (now > deadline) throw new Error(`${users.length} deleted users did not converge within ${timeoutMs} ms`);
    await sleep(Math.max(0, pollMs - (now - began)));
  }
}

/** Sums a counter of each subscriber's (or producer's) /metrics by its `outcome` label. */
async function countsByOutcome(stack: Stack, names: readonly SubgraphName[], metric: string) {
  const counts: Record<string, number> = {};
  for (const name of names)
    for (const [outcome, count] of Object.entries(sumBy(await scrape(stack.metricsUrls[name]), metric, 'outcome')))
      counts[outcome] = (counts[outcome] ?? 0) + count;
  return counts;
}

const minus = (after: Record<string, number>, before: Record<string, number>) =>
  Object.fromEntries(Object.entries(after).map(([outcome, count]) => [outcome, count - (before[outcome] ?? 0)]));

export async function userDeletion(stack: Stack, settings: DeletesSettings) {
  const accessToken = await adminAccessToken(stack, 'bench_admin');
  const clients = Object.fromEntries(
    SUBGRAPHS.map((name) => [name, new pg.Client({ connectionString: stack.databaseUrl(name) })]),
  ) as Record<SubgraphName, pg.Client>;
  await Promise.all(Object.values(clients).map((client) => client.connect()));
  try {
    // 1. One at a time. A random pause first, so that a delete does not always land at the same point of
    // the relay's poll cycle (its workers' last delivery ended just before the previous convergence).
    const latencyUsers = await seedLeavers(stack, settings.latencyUsers, 'latency');
    const answered: number[] = [];
    const applied: number[] = [];
    const converged: number[] = [];
    let polls = 0;
    for (const leaver of latencyUsers) {
      await sleep(Math.random() * 500);
      const sent = performance.now();
      await deleteUser(stack, accessToken, leaver.id);
      answered.push(performance.now() - sent);
      const seen = await untilConverged(clients, [leaver], settings.pollMs);
      applied.push(seen.userDeletedAppliedAt - sent);
      converged.push(seen.convergedAt - sent);
      polls += seen.polls;
    }

    // 2. Many at once: from the first mutation sent until both outboxes owe nothing and every effect is in.
    const throughputUsers = await seedLeavers(stack, settings.throughputUsers, 'throughput');
    const zoos = throughputUsers.reduce((sum, user) => sum + user.zooIds.length, 0);
    const subscribers = SUBGRAPHS.filter((name) => name !== 'users');
    const receivedBefore = await countsByOutcome(stack, subscribers, 'events_received_total');
    const attemptsBefore = await countsByOutcome(stack, ['users', 'zoo'], 'events_deliveries_total');
    const began = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: settings.concurrency }, async () => {
        while (next < throughputUsers.length) await deleteUser(stack, accessToken, throughputUsers[next++]!.id);
      }),
    );
    const mutationsSeconds = (performance.now() - began) / 1000;
    const { convergedAt } = await untilConverged(clients, throughputUsers, settings.pollMs, 600_000);
    const seconds = (convergedAt - began) / 1000;
    const received = minus(await countsByOutcome(stack, subscribers, 'events_received_total'), receivedBefore);
    const attempts = minus(await countsByOutcome(stack, ['users', 'zoo'], 'events_deliveries_total'), attemptsBefore);
    const deliveries = deliveriesFor(throughputUsers.length, zoos);

    return {
      data: `1 zoo with ${ANIMALS_PER_ZOO} of their animals and 1 of another user's, 1 animal in no zoo, ${PUZZLES_COMPLETED * 2} completions, 1 submission, 1 own board with 2 members, 1 seat on another board`,
      latency: {
        users: latencyUsers.length,
        pollMs: settings.pollMs,
        meanPollsPerDelete: polls / latencyUsers.length,
        deleteUserAnsweredMs: percentiles(answered),
        userDeletedAppliedMs: percentiles(applied),
        convergedMs: percentiles(converged),
      },
      throughput: {
        users: throughputUsers.length,
        zoos,
        concurrency: settings.concurrency,
        deliveries,
        mutationsSeconds,
        seconds,
        deliveriesPerSecond: deliveries / seconds,
        usersPerSecond: throughputUsers.length / seconds,
        subscribersReceived: received,
        producerAttempts: attempts,
      },
    };
  } finally {
    await Promise.all(Object.values(clients).map((client) => client.end()));
  }
}
