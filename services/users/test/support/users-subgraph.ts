// Boots the users subgraph on a fresh real database and talks to it the way the gateway does.
import { createDatabase, createPool, migrateToLatest } from '@supergraph/db';
import {
  CLAIMS_HEADER,
  generateSigningKey,
  requestDigest,
  signForwardedClaims,
  type SigningKey,
  type Viewer,
} from '@supergraph/auth';
import { createLogger } from '@supergraph/subgraph';
import { startPostgres } from '@supergraph/testing';
import { createUsersServer, migrations } from '../../src';

export const TEST_CLAIMS_KEY = { secret: 'users-test-claims-secret-at-least-32-characters' };
export const TOKEN_AUDIENCE = { issuer: 'supergraph-users', audience: 'supergraph' };

export interface GraphQLResponse<Data = Record<string, any>> {
  status: number;
  data?: Data | null;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

export interface CallOptions {
  /** Sends gateway claims for this viewer (null: anonymous claims); omitted: no claims header at all. */
  viewer?: Viewer | null;
  headers?: Record<string, string>;
}

export interface UsersSubgraph {
  url: string;
  baseUrl: string;
  signingKey: SigningKey;
  /** The service's database, for tests that call src/db functions or jobs directly. */
  databaseUrl: string;
  graphql<Data = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: CallOptions): Promise<GraphQLResponse<Data>>;
  /** Runs SQL against the service's database (for assertions on what was written). */
  sql<Row>(text: string, values?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export async function startUsersSubgraph(overrides: { maxFailures?: number } = {}): Promise<UsersSubgraph> {
  const database = await startPostgres('users');
  const pool = createPool({ connectionString: database.url, maxConnections: 5 });
  await migrateToLatest(createDatabase(pool), migrations);
  const signingKey = generateSigningKey();
  const server = createUsersServer({
    pool,
    sessions: { signingKey, ...TOKEN_AUDIENCE, refreshTokenTtlDays: 30 },
    claimsKey: TEST_CLAIMS_KEY,
    loginThrottle: { maxFailures: overrides.maxFailures ?? 5, lockoutSeconds: 900 },
    logger: createLogger('users', 'silent'),
    production: false,
  });
  const { url } = await server.listen(0);
  return {
    url,
    baseUrl: url.replace(/\/graphql$/, ''),
    signingKey,
    databaseUrl: database.url,
    async graphql(query, variables, options = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
      if (options.viewer !== undefined) {
        headers[CLAIMS_HEADER] = signForwardedClaims(TEST_CLAIMS_KEY, {
          issuer: 'gateway',
          audience: 'users',
          viewer: options.viewer,
          digest: requestDigest(query, variables),
        });
      }
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async sql(text, values) {
      return (await pool.query(text, values)).rows;
    },
    async close() {
      await server.stop();
      await database.drop();
    },
  };
}

export const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterInput!) {
    register(input: $input) { accessToken refreshToken expiresIn user { id username role } }
  }
`;

export const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) {
    login(input: $input) { accessToken refreshToken user { id username } }
  }
`;

export interface Registered {
  viewer: Viewer;
  accessToken: string;
  refreshToken: string;
}

export async function register(subgraph: UsersSubgraph, username: string, password = 'correct horse battery'): Promise<Registered> {
  const result = await subgraph.graphql(REGISTER, { input: { username, email: `${username}@example.com`, password } });
  if (result.errors) throw new Error(`register ${username} failed: ${JSON.stringify(result.errors)}`);
  const payload = result.data!.register;
  return { viewer: { id: payload.user.id, role: payload.user.role }, accessToken: payload.accessToken, refreshToken: payload.refreshToken };
}

export const codeOf = (result: GraphQLResponse) => result.errors?.[0]?.extensions?.code;
