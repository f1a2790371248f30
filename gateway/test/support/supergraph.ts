// Boots the subgraphs on fresh real databases and the gateway in front of them, in-process, on free
// loopback ports, wired as in production (JWKS over HTTP for access tokens and for the gateway's and each
// calling service's claims keys, signed claims headers, composed schema files).
import { readFileSync } from 'node:fs';
import * as animal from '@supergraph/animal';
import {
  createAccessTokenVerifier,
  generateSigningKey,
  issueAccessToken,
  type SigningKey,
  type Viewer,
  createClaimsTrust,
  jwksUrlOf,
} from '@supergraph/auth';
import { composeSupergraph } from '@supergraph/composition';
import type { Migrations } from '@supergraph/db';
import { createDatabase, createPool, migrateToLatest } from '@supergraph/db';
import * as puzzle from '@supergraph/puzzle';
import { createLogger } from '@supergraph/runtime';
import { freePort, startPostgres, testKeys, type TestDatabase } from '@supergraph/testing';
import * as users from '@supergraph/users';
import * as zoo from '@supergraph/zoo';
import { createGatewayServer, type GatewayOptions, type GatewayServer } from '../../src';

/** The gateway's claims-signing keys in these tests (fresh per test process). */
export const GATEWAY_KEYS = testKeys('gateway');
export const TOKENS = { issuer: 'supergraph-users', audience: 'supergraph' };
const logger = createLogger('test', 'silent');
/** A running subgraph server, as each service's createServer returns it. */
type SubgraphServer = ReturnType<typeof users.createUsersServer>;

export interface GraphQLResult {
  status: number;
  data?: Record<string, any> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface RunningSubgraph {
  url: string;
  server: SubgraphServer;
  /** SQL against the subgraph's own database. */
  sql<Row = Record<string, any>>(text: string, values?: unknown[]): Promise<Row[]>;
}

export interface Supergraph {
  gatewayUrl: string;
  gateway: GatewayServer;
  subgraphs: Record<'users' | 'zoo' | 'animal' | 'puzzle', RunningSubgraph>;
  /** The puzzle service's clock (unlock times, cooldowns), moved by hand. */
  puzzleClock: { now: Date; advance(seconds: number): void };
  signingKey: SigningKey;
  /** A valid access token for `viewer`, signed with the users service's key. */
  accessTokenFor(viewer: Viewer): string;
  query(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResult>;
  /** Registers a user through the gateway; returns the viewer and an Authorization header for them. */
  signUp(username: string): Promise<{ viewer: Viewer; auth: Record<string, string> }>;
  close(): Promise<void>;
}

async function database(name: string, migrations: Migrations) {
  const db = await startPostgres(name);
  const pool = createPool({ connectionString: db.url, maxConnections: 5 });
  await migrateToLatest(createDatabase(pool), migrations);
  return { db, pool };
}

export async function startSupergraph(): Promise<Supergraph> {
  const databases: TestDatabase[] = [];
  const signingKey = generateSigningKey();
  const [usersDb, zooDb, animalDb, puzzleDb] = await Promise.all([
    database('gw_users', users.migrations),
    database('gw_zoo', zoo.migrations),
    database('gw_animal', animal.migrations),
    database('gw_puzzle', puzzle.migrations),
  ]);
  databases.push(usersDb.db, zooDb.db, animalDb.db, puzzleDb.db);
  const puzzleClock = {
    now: new Date(),
    advance(seconds: number) {
      puzzleClock.now = new Date(puzzleClock.now.getTime() + seconds * 1000);
    },
  };

  // Every subgraph fetches the gateway's public keys from it, as in production: reserve its port first.
  const gatewayPort = await freePort();
  const gatewayJwks = `http://127.0.0.1:${gatewayPort}/.well-known/jwks.json`;
  const usersServer = users.createUsersServer({
    pool: usersDb.pool,
    sessions: { signingKey, ...TOKENS, refreshTokenTtlDays: 30 },
    claims: createClaimsTrust({ name: 'users', gateway: gatewayJwks }),
    loginThrottle: { maxFailures: 5, lockoutSeconds: 900 },
    logger,
    production: false,
  });
  // zoo and animal call each other: reserve the animal port first so zoo knows where to find it.
  const animalPort = await freePort();
  const animalUrlReserved = `http://127.0.0.1:${animalPort}/graphql`;
  const zooServer = zoo.createZooServer({
    pool: zooDb.pool,
    keys: testKeys('zoo'),
    claims: createClaimsTrust({ name: 'zoo', gateway: gatewayJwks, callers: { animal: jwksUrlOf(animalUrlReserved) } }),
    animalService: { url: animalUrlReserved, timeoutMs: 1_000 },
    logger,
    production: false,
  });
  const { url: usersUrl } = await usersServer.listen(0);
  const { url: zooUrl } = await zooServer.listen(0);
  const animalServer = animal.createAnimalServer({
    pool: animalDb.pool,
    keys: testKeys('animal'),
    claims: createClaimsTrust({ name: 'animal', gateway: gatewayJwks, callers: { zoo: jwksUrlOf(zooUrl) } }),
    zooService: { url: zooUrl, timeoutMs: 1_000 },
    logger,
    production: false,
  });
  const { url: animalUrl } = await animalServer.listen(animalPort);
  const puzzleServer = puzzle.createPuzzleServer({
    pool: puzzleDb.pool,
    claims: createClaimsTrust({ name: 'puzzle', gateway: gatewayJwks }),
    answerSecret: 'gateway-test-answer-secret-of-32-characters',
    settings: { cooldown: puzzle.DEFAULT_COOLDOWN, maxLeaderboardMembers: 200 },
    logger,
    production: false,
    now: () => puzzleClock.now,
  });
  const { url: puzzleUrl } = await puzzleServer.listen(0);

  const gateway = createGatewayServer({
    supergraph: {
      sdl: composeSupergraph([
        { name: 'users', url: usersUrl, sdl: readFileSync(users.SCHEMA_FILE, 'utf8') },
        { name: 'zoo', url: zooUrl, sdl: readFileSync(zoo.SCHEMA_FILE, 'utf8') },
        { name: 'animal', url: animalUrl, sdl: readFileSync(animal.SCHEMA_FILE, 'utf8') },
        { name: 'puzzle', url: puzzleUrl, sdl: readFileSync(puzzle.SCHEMA_FILE, 'utf8') },
      ]),
    },
    verifier: createAccessTokenVerifier({ jwksUri: new URL('/.well-known/jwks.json', usersUrl).toString(), ...TOKENS }),
    keys: GATEWAY_KEYS,
    logger,
    production: false,
  });
  const { url: gatewayUrl } = await gateway.listen(gatewayPort);

  const running = (
    url: string,
    server: SubgraphServer,
    pool: { query: (text: string, values?: unknown[]) => Promise<{ rows: any[] }> },
  ): RunningSubgraph => ({
    url,
    server,
    sql: async (text, values) => (await pool.query(text, values)).rows,
  });

  const query: Supergraph['query'] = async (text, variables, headers = {}) => {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: text, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  };

  return {
    gatewayUrl,
    gateway,
    subgraphs: {
      users: running(usersUrl, usersServer, usersDb.pool),
      zoo: running(zooUrl, zooServer, zooDb.pool),
      animal: running(animalUrl, animalServer, animalDb.pool),
      puzzle: running(puzzleUrl, puzzleServer, puzzleDb.pool),
    },
    puzzleClock,
    signingKey,
    accessTokenFor: (viewer) => issueAccessToken(signingKey, viewer, TOKENS),
    query,
    async signUp(username) {
      const result = await query(
        'mutation($input: RegisterInput!) { register(input: $input) { accessToken user { id role } } }',
        { input: { username, email: `${username}@example.com`, password: `${username}-password` } },
      );
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      const { accessToken, user } = result.data!.register;
      return { viewer: user, auth: { authorization: `Bearer ${accessToken}` } };
    },
    async close() {
      await gateway.stop();
      await Promise.all([usersServer.stop(), zooServer.stop(), animalServer.stop(), puzzleServer.stop()]);
      await Promise.all(databases.map((db) => db.drop()));
    },
  };
}

export { generateSigningKey };

export interface ExtraGateway {
  url: string;
  baseUrl: string;
  server: GatewayServer;
  /** Posts a raw body; returns the status, headers and parsed JSON (or text). */
  post(
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: any; text: string }>;
  query(
    text: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: any; text: string }>;
  stop(): Promise<void>;
}

/**
 * Another gateway over the running subgraphs (and any extra ones), configured differently: production mode,
 * limits, rate limits, persisted queries…
 */
export async function startGateway(
  supergraph: Supergraph,
  options: Partial<GatewayOptions> = {},
  extraSubgraphs: { name: string; url: string; sdl: string }[] = [],
): Promise<ExtraGateway> {
  const gateway = createGatewayServer({
    supergraph: {
      sdl: composeSupergraph([
        { name: 'users', url: supergraph.subgraphs.users.url, sdl: readFileSync(users.SCHEMA_FILE, 'utf8') },
        { name: 'zoo', url: supergraph.subgraphs.zoo.url, sdl: readFileSync(zoo.SCHEMA_FILE, 'utf8') },
        { name: 'animal', url: supergraph.subgraphs.animal.url, sdl: readFileSync(animal.SCHEMA_FILE, 'utf8') },
        { name: 'puzzle', url: supergraph.subgraphs.puzzle.url, sdl: readFileSync(puzzle.SCHEMA_FILE, 'utf8') },
        ...extraSubgraphs,
      ]),
    },
    verifier: createAccessTokenVerifier({
      jwksUri: new URL('/.well-known/jwks.json', supergraph.subgraphs.users.url).toString(),
      ...TOKENS,
    }),
    keys: GATEWAY_KEYS,
    logger,
    production: false,
    ...options,
  });
  const { url } = await gateway.listen(0);
  const post: ExtraGateway['post'] = async (body, headers = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
  return {
    url,
    baseUrl: url.replace(/\/graphql$/, ''),
    server: gateway,
    post,
    query: (text, variables, headers) => post({ query: text, variables }, headers),
    stop: () => gateway.stop(),
  };
}
