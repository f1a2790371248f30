// Boots the subgraphs on fresh real databases and the gateway in front of them, in-process, on free
// loopback ports, wired as in production (JWKS over HTTP for access tokens and for the gateway's and each
// calling service's claims keys, signed claims headers, composed schema files). The four services are built
// from their descriptors, in one loop.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { service as animal } from '@supergraph/animal';
import {
  createAccessTokenVerifier,
  callersOf,
  createClaimsTrust,
  generateSigningKey,
  issueAccessToken,
  jwksUrlOf,
  signingKeyFromPem,
  type SigningKey,
  type Viewer,
} from '@supergraph/auth';
import { composeSupergraph } from '@supergraph/composition';
import { createDatabase, createPool, migrateToLatest } from '@supergraph/db';
import { service as puzzle } from '@supergraph/puzzle';
import { createLogger } from '@supergraph/runtime';
import { calleesOf, type ServiceOptions, type SubgraphService } from '@supergraph/subgraph';
import { freePort, startPostgres, testKeys, type TestDatabase } from '@supergraph/testing';
import { service as users } from '@supergraph/users';
import { service as zoo } from '@supergraph/zoo';
import { createGatewayServer, type GatewayOptions, type GatewayServer } from '../../src';

/** The gateway's claims-signing keys in these tests (fresh per test process). */
export const GATEWAY_KEYS = testKeys('gateway');
export const TOKENS = { issuer: 'supergraph-users', audience: 'supergraph' };
const logger = createLogger('test', 'silent');
const SERVICES = [users, zoo, animal, puzzle] as SubgraphService[];
type SubgraphName = 'users' | 'zoo' | 'animal' | 'puzzle';
/** A running subgraph server, as each service's createServer returns it. */
type SubgraphServer = ReturnType<SubgraphService['createServer']>;

export interface GraphQLResult {
  status: number;
  data?: Record<string, any> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface RunningSubgraph {
  url: string;
  /** Its operations port's GET /metrics (a new port after each start). */
  metricsUrl: string;
  server: SubgraphServer;
  /** Stops the subgraph (its port then refuses connections); its database stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port and database, optionally configured otherwise (e.g. `events`). */
  start(overrides?: Partial<ServiceOptions<unknown>>): Promise<void>;
  /** SQL against the subgraph's own database. */
  sql<Row = Record<string, any>>(text: string, values?: unknown[]): Promise<Row[]>;
}

export interface Supergraph {
  gatewayUrl: string;
  /** The gateway's operations port's GET /metrics. */
  gatewayMetricsUrl: string;
  gateway: GatewayServer;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /** Where the animal service stores uploaded photos (PHOTO_DIR: a temporary directory, removed by close). */
  photoDir: string;
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

/** Where the users service publishes its access-token keys (not its claims keys: jwksUrlOf). */
const accessTokenJwks = (usersUrl: string) => new URL('/.well-known/jwks.json', usersUrl).toString();

/** The services' schema files at the given routing URLs, composed (plus any extra subgraphs). */
function supergraphOf(urls: Record<string, string>, extra: { name: string; url: string; sdl: string }[] = []): string {
  return composeSupergraph([
    ...SERVICES.map(({ name, schemaFile }) => ({ name, url: urls[name]!, sdl: readFileSync(schemaFile, 'utf8') })),
    ...extra,
  ]);
}

export async function startSupergraph(): Promise<Supergraph> {
  const databases: TestDatabase[] = [];
  const pools: pg.Pool[] = [];
  // The users service signs access tokens with this key; tests mint their own tokens with it too.
  const tokenKeyPem = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    .privateKey.export({ format: 'pem', type: 'pkcs8' })
    .toString();
  const signingKey = signingKeyFromPem(tokenKeyPem);
  const puzzleClock = {
    now: new Date(),
    advance(seconds: number) {
      puzzleClock.now = new Date(puzzleClock.now.getTime() + seconds * 1000);
    },
  };

  // Every service finds the gateway's public keys at its address and its peers' at theirs, as in
  // production: all ports are reserved before anything starts.
  const gatewayPort = await freePort();
  const gatewayJwks = `http://127.0.0.1:${gatewayPort}/.well-known/jwks.json`;
  const ports = Object.fromEntries(await Promise.all(SERVICES.map(async ({ name }) => [name, await freePort()])));
  const urls: Record<string, string> = Object.fromEntries(
    SERVICES.map(({ name }) => [name, `http://127.0.0.1:${ports[name]}/graphql`]),
  );
  const running = {} as Record<SubgraphName, RunningSubgraph>;
  const photoDir = mkdtempSync(path.join(tmpdir(), 'gateway-test-photos-'));
  await Promise.all(
    SERVICES.map(async (service) => {
      const database = await startPostgres(`gw_${service.name}`);
      databases.push(database);
      // For the test's own SQL; each server run gets a pool of its own (stopping a server closes it).
      const pool = createPool({ connectionString: database.url, maxConnections: 2 });
      pools.push(pool);
      await migrateToLatest(createDatabase(pool), service.migrations);
      const boot = async (overrides: Partial<ServiceOptions<unknown>> = {}) => {
        const server = service.createServer({
          pool: createPool({ connectionString: database.url, maxConnections: 5 }),
          claims: createClaimsTrust({
            name: service.name,
            gateway: gatewayJwks,
            callers: Object.fromEntries(callersOf(service.name).map((caller) => [caller, jwksUrlOf(urls[caller]!)])),
          }),
          keys: testKeys(service.name),
          peers: Object.fromEntries(
            calleesOf(service.name).map((peer) => [peer, { url: urls[peer]!, timeoutMs: 1_000 }]),
          ),
          settings: service.loadSettings({
            NODE_ENV: 'test',
            JWT_PRIVATE_KEY: tokenKeyPem,
            // Every client of these tests is 127.0.0.1: the per-address credential limit is the users tests' subject.
            CREDENTIAL_ATTEMPTS_PER_IP: '100000',
            LOGIN_IP_MAX_FAILURES: '100000',
            // The animal service's photos: files here, served (and uploaded to) at its own address.
            PHOTO_DIR: photoDir,
            PHOTOS_PUBLIC_URL: `http://127.0.0.1:${ports.animal}`,
          }),
          logger,
          production: false,
          events: { retryDelayMaxSeconds: 1 },
          ...(service.name === 'puzzle' && { now: () => puzzleClock.now }),
          ...overrides,
        });
        const { metricsUrl } = await server.listen(ports[service.name]);
        return { server, metricsUrl };
      };
      const booted = await boot();
      const subgraph: RunningSubgraph = {
        url: urls[service.name]!,
        server: booted.server,
        metricsUrl: booted.metricsUrl,
        sql: async (text, values) => (await pool.query(text, values)).rows,
        async stop() {
          await subgraph.server.stop();
        },
        async start(overrides) {
          ({ server: subgraph.server, metricsUrl: subgraph.metricsUrl } = await boot(overrides));
        },
      };
      running[service.name as SubgraphName] = subgraph;
    }),
  );

  const gateway = createGatewayServer({
    supergraph: { sdl: supergraphOf(urls) },
    verifier: createAccessTokenVerifier({ jwksUri: accessTokenJwks(urls.users!), ...TOKENS }),
    keys: GATEWAY_KEYS,
    logger,
    production: false,
  });
  const { url: gatewayUrl, metricsUrl: gatewayMetricsUrl } = await gateway.listen(gatewayPort);

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
    gatewayMetricsUrl,
    gateway,
    subgraphs: running,
    photoDir,
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
      await Promise.all(Object.values(running).map(({ server }) => server.stop()));
      await Promise.all(pools.map((pool) => pool.end()));
      await Promise.all(databases.map((db) => db.drop()));
      rmSync(photoDir, { recursive: true, force: true });
    },
  };
}

export { generateSigningKey };

export interface ExtraGateway {
  url: string;
  baseUrl: string;
  /** Its operations port's GET /metrics; the detailed GET /ready is beside it. */
  metricsUrl: string;
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
      sdl: supergraphOf(
        Object.fromEntries(Object.entries(supergraph.subgraphs).map(([name, { url }]) => [name, url])),
        extraSubgraphs,
      ),
    },
    verifier: createAccessTokenVerifier({ jwksUri: accessTokenJwks(supergraph.subgraphs.users.url), ...TOKENS }),
    keys: GATEWAY_KEYS,
    logger,
    production: false,
    ...options,
  });
  const { url, metricsUrl } = await gateway.listen(0);
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
    metricsUrl,
    server: gateway,
    post,
    query: (text, variables, headers) => post({ query: text, variables }, headers),
    stop: () => gateway.stop(),
  };
}
