// The stack under test: a fresh embedded Postgres with one database per subgraph, the four subgraphs and
// our gateway as production processes (compiled dist/, NODE_ENV=production with every key and secret set, as
// fail-closed production requires), and the fixed data set.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { composeSupergraph } from '@supergraph/composition';
import { ensureDatabase, startEmbeddedPostgres, withDatabase, type RunningPostgres } from '@supergraph/db';
import { calleesOf } from '@supergraph/subgraph';
import { freePort } from '@supergraph/testing';
import { childrenNamed, start, stop, waitFor, type BenchProcess } from './processes';

export const ROOT = path.resolve(__dirname, '../..');
export const SUBGRAPHS = ['users', 'zoo', 'animal', 'puzzle'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export interface Stack {
  postgres: RunningPostgres;
  databaseUrl(name: SubgraphName): string;
  subgraphUrls: Record<SubgraphName, string>;
  gatewayUrl: string;
  /** Each process's GET /metrics, on its own METRICS_PORT (never the public port). */
  metricsUrls: Record<SubgraphName | 'gateway', string>;
  supergraphFile: string;
  /** The gateway's claims-signing key (PEM): the plain and Hive gateways sign with it too. */
  gatewayClaimsKeyPem: string;
  processes: BenchProcess[];
  /** The embedded Postgres server's (postmaster's) pid: its CPU time and its backends' are read from /proc. */
  postgresPid: number;
  accessToken: string;
  stop(): Promise<void>;
}

export async function startStack(log: (line: string) => void): Promise<Stack> {
  const work = mkdtempSync(path.join(tmpdir(), 'supergraph-bench-'));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'supergraph-bench-pg-'));
  const postgres = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  const adminUrl = postgres.url('postgres');
  const [postgresPid] = childrenNamed('postgres');
  if (postgresPid === undefined) throw new Error('the embedded Postgres server is not a child of the bench');
  for (const name of SUBGRAPHS) await ensureDatabase(adminUrl, name);
  const ports = Object.fromEntries(
    await Promise.all(SUBGRAPHS.map(async (name) => [name, await freePort()] as const)),
  ) as Record<SubgraphName, number>;
  const subgraphUrls = Object.fromEntries(
    SUBGRAPHS.map((name) => [name, `http://127.0.0.1:${ports[name]}/graphql`]),
  ) as Record<SubgraphName, string>;
  const metricsPorts = Object.fromEntries(
    await Promise.all([...SUBGRAPHS, 'gateway' as const].map(async (name) => [name, await freePort()] as const)),
  ) as Record<SubgraphName | 'gateway', number>;
  const metricsUrls = Object.fromEntries(
    Object.entries(metricsPorts).map(([name, port]) => [name, `http://127.0.0.1:${port}/metrics`]),
  ) as Record<SubgraphName | 'gateway', string>;
  const newPem = () =>
    generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
  const gatewayClaimsKeyPem = newPem();
  // Subgraphs read the gateway's public keys from it, as in production: its port is chosen now.
  const gatewayPort = await freePort();
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const common = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    GATEWAY_JWKS_URL: `http://127.0.0.1:${gatewayPort}/.well-known/jwks.json`,
    ANSWER_SECRET: randomBytes(32).toString('hex'),
    PHOTO_UPLOAD_SECRET: randomBytes(32).toString('hex'),
    JWT_PRIVATE_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    JOBS_ENABLED: 'false',
    // The workloads register up to a few hundred users from one address (users' default: 30 a minute).
    CREDENTIAL_ATTEMPTS_PER_IP: '100000',
    // Every service learns where every other one is (e.g. ZOO_SERVICE_URL for the animal service).
    ...Object.fromEntries(SUBGRAPHS.map((name) => [`${name.toUpperCase()}_SERVICE_URL`, subgraphUrls[name]])),
  };
  const processes: BenchProcess[] = [];
  for (const name of SUBGRAPHS) {
    const dir = path.join(ROOT, 'services', name);
    // A service that calls others signs its calls with its own key (required in production).
    const signs: Record<string, string> = calleesOf(name).length ? { CLAIMS_SIGNING_KEY: newPem() } : {};
    processes.push(
      start(
        name,
        [path.join(dir, 'dist/main.js')],
        {
          ...common,
          ...signs,
          PORT: String(ports[name]),
          METRICS_PORT: String(metricsPorts[name]),
          DATABASE_URL: withDatabase(adminUrl, name),
          // The animal service's photos: files in the bench's own directory, uploaded to and served from its port.
          ...(name === 'animal' && {
            PHOTO_DIR: path.join(work, 'photos'),
            PHOTOS_PUBLIC_URL: `http://127.0.0.1:${ports.animal}`,
          }),
        },
        dir,
      ),
    );
  }
  await Promise.all(
    SUBGRAPHS.map((name, index) => waitFor(new URL('/ready', subgraphUrls[name]).toString(), name, processes[index])),
  );
  log(`subgraphs up on ${Object.values(ports).join(', ')}`);

  const supergraphFile = path.join(work, 'supergraph.graphql');
  writeFileSync(
    supergraphFile,
    composeSupergraph(
      SUBGRAPHS.map((name) => ({
        name,
        url: subgraphUrls[name],
        sdl: readFileSync(path.join(ROOT, 'services', name, 'schema.graphql'), 'utf8'),
      })),
    ),
  );
  const gateway = start(
    'gateway',
    [path.join(ROOT, 'gateway/dist/main.js')],
    {
      ...common,
      PORT: String(gatewayPort),
      METRICS_PORT: String(metricsPorts.gateway),
      SUPERGRAPH_SDL_FILE: supergraphFile,
      USERS_JWKS_URL: new URL('/.well-known/jwks.json', subgraphUrls.users).toString(),
      RATE_LIMIT_ENABLED: 'false',
      REDIS_URL: '',
      CLAIMS_SIGNING_KEY: gatewayClaimsKeyPem,
      // The subscriptions workload opens up to 1 000 anonymous connections from one address (default cap: 100).
      SUBSCRIPTION_CONNECTIONS_PER_IP: '5000',
    },
    path.join(ROOT, 'gateway'),
  );
  processes.push(gateway);
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
  await waitFor(`http://127.0.0.1:${gatewayPort}/ready`, 'gateway', gateway);

  return {
    postgres,
    databaseUrl: (name) => withDatabase(adminUrl, name),
    subgraphUrls,
    gatewayUrl,
    metricsUrls,
    supergraphFile,
    gatewayClaimsKeyPem,
    processes,
    postgresPid,
    accessToken: '',
    async stop() {
      for (const process_ of [...processes].reverse()) await stop(process_);
      await postgres.stop();
    },
  };
}

export async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export const DATA_SET = { users: 1_000, zoos: 2_000, animals: 50_000, puzzles: 25 };
/** A well-formed argon2id hash that no password matches: seeded users are never logged in as. */
export const SEEDED_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hzYWx0YmVuY2g$0000000000000000000000000000000000000000000';

/**
 * Adds one copy of the fixed data set (call twice for 2× data): users, zoos spread over them, animals
 * spread over the zoos, and a year of 25 puzzles with completions. Straight SQL, so seeding takes seconds.
 */
export async function seed(stack: Stack, copy: number): Promise<void> {
  const userIds = await withClient(stack.databaseUrl('users'), async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `insert into users (username, email, password_hash, created_at)
       select 'bench_' || $2::int || '_' || n, 'bench_' || $2::int || '_' || n || '@example.com', $1, now() + (n || ' ms')::interval
       from generate_series(1, $3::int) as n returning id`,
      [SEEDED_PASSWORD_HASH, copy, DATA_SET.users],
    );
    return rows.map((row) => row.id);
  });
  const zooIds = await withClient(stack.databaseUrl('zoo'), async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `insert into zoos (name, description, owner_id)
       select 'Zoo ' || $2::int || '-' || n, 'A benchmark zoo', ($1::uuid[])[1 + (n % array_length($1::uuid[], 1))]
       from generate_series(1, $3::int) as n returning id`,
      [userIds, copy, DATA_SET.zoos],
    );
    return rows.map((row) => row.id);
  });
  await withClient(stack.databaseUrl('animal'), (client) =>
    client.query(
      `insert into animals (name, species, owner_id, zoo_id)
       select 'Animal ' || n, (array['Lion','Zebra','Gnu','Otter','Owl'])[1 + n % 5],
              ($1::uuid[])[1 + ((n % array_length($2::uuid[], 1)) % array_length($1::uuid[], 1))], ($2::uuid[])[1 + (n % array_length($2::uuid[], 1))]
       from generate_series(1, $3::int) as n`,
      [userIds, zooIds, DATA_SET.animals],
    ),
  );
  await withClient(stack.databaseUrl('puzzle'), async (client) => {
    const year = 2020 + copy;
    const { rows } = await client.query<{ id: string }>(
      `insert into puzzles (year, day, title, description, input, answer_salt, answer1_hash, answer1_sealed, answer2_hash, answer2_sealed, unlocks_at)
       select $1::int, n, 'Day ' || n, 'text', 'input', 's', 'h1', 's1', 'h2', 's2', make_timestamptz($1::int, 12, n, 5, 0, 0, 'UTC')
       from generate_series(1, $2::int) as n returning id`,
      [year, DATA_SET.puzzles],
    );
    await client.query(
      `insert into completions (user_id, puzzle_id, part, completed_at)
       select u.id, p.id, part, make_timestamptz($3::int, 12, 1, 6, 0, 0, 'UTC') + (row_number() over () || ' s')::interval
       from unnest($1::uuid[]) with ordinality as u(id, i)
       cross join unnest($2::uuid[]) with ordinality as p(id, j)
       cross join (values (1), (2)) as parts(part)
       where (u.i + p.j) % 7 = 0`,
      [userIds.slice(0, 200), rows.map((row) => row.id), year],
    );
  });
  // Fresh statistics and visibility maps for every database now, rather than whenever autovacuum gets to
  // them: before ANALYZE a fan-out request costs Postgres about three times the CPU it does after.
  for (const name of SUBGRAPHS) await withClient(stack.databaseUrl(name), (client) => client.query('VACUUM ANALYZE'));
}

/** A real access token from the users service (log in as one of the seeded users). */
export async function signIn(stack: Stack): Promise<string> {
  const register = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation { register(input: { username: "bench_reader", email: "reader@example.com", password: "bench-password-1" }) { accessToken } }',
    }),
  });
  const body = (await register.json()) as { data?: { register: { accessToken: string } }; errors?: unknown };
  if (!body.data) throw new Error(`could not sign in: ${JSON.stringify(body.errors)}`);
  return body.data.register.accessToken;
}

/**
 * An administrator's access token: `username` registered through the gateway, promoted by SQL, logged in
 * again (the role is in the token). Each workload that needs one uses its own username.
 */
export async function adminAccessToken(stack: Stack, username: string): Promise<string> {
  const call = async (text: string, variables: Record<string, unknown>) => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: text, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, { accessToken: string }>; errors?: unknown };
    if (!body.data) throw new Error(`could not sign in ${username}: ${JSON.stringify(body.errors)}`);
    return Object.values(body.data)[0]!.accessToken;
  };
  const input = { username, password: `${username}-password-1` };
  await call('mutation($input: RegisterInput!) { register(input: $input) { accessToken } }', {
    input: { ...input, email: `${username}@example.com` },
  });
  await withClient(stack.databaseUrl('users'), (client) =>
    client.query(`update users set role = 'ADMIN' where username = $1`, [input.username]),
  );
  return call('mutation($input: LoginInput!) { login(input: $input) { accessToken } }', { input });
}
