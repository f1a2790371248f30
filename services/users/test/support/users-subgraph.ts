// Boots the users subgraph on a fresh real database (the shared harness) and talks to it the way the gateway does.
import { generateSigningKey, type SigningKey, type Viewer } from '@supergraph/auth';
import { startServiceHarness, type GraphQLResponse, type SubgraphHarness } from '@supergraph/testing';
import { service, type UsersSettings } from '../../src';

export type { GraphQLResponse };
const NOWHERE = { url: 'http://127.0.0.1:9/graphql', timeoutMs: 100 };
export const TOKEN_AUDIENCE = { issuer: 'supergraph-users', audience: 'supergraph' };

export interface UsersSubgraph extends SubgraphHarness {
  signingKey: SigningKey;
}

/** What the tests change of the users settings: the limits (each merged into the defaults below). */
export interface UsersOverrides {
  loginProtection?: Partial<UsersSettings['loginProtection']>;
  credentialLimit?: Partial<UsersSettings['credentialLimit']>;
  passwordHashing?: Partial<UsersSettings['passwordHashing']>;
}

/** The service's settings in tests: its production defaults for the limits, unless a test overrides one. */
export function testUsersSettings(signingKey: SigningKey, overrides: UsersOverrides = {}): UsersSettings {
  return {
    sessions: { signingKey, ...TOKEN_AUDIENCE, refreshTokenTtlDays: 30 },
    loginProtection: {
      maxFailures: 5,
      lockoutSeconds: 900,
      maxLockoutSeconds: 86_400,
      addressMaxFailures: 100,
      addressWindowSeconds: 86_400,
      ...overrides.loginProtection,
    },
    credentialLimit: { attempts: 30, windowSeconds: 60, ...overrides.credentialLimit },
    passwordHashing: { concurrency: 2, maxWaiting: 16, ...overrides.passwordHashing },
    seedDemoData: false,
  };
}

export async function startUsersSubgraph(overrides: UsersOverrides = {}): Promise<UsersSubgraph> {
  const signingKey = generateSigningKey();
  const harness = await startServiceHarness(service, {
    settings: testUsersSettings(signingKey, overrides),
    // UserDeleted is written to the outbox and left there: what the other services do with it is tested
    // with all of them running (gateway/test/user-deletion.test.ts).
    peers: Object.fromEntries(['zoo', 'animal', 'puzzle'].map((name) => [name, NOWHERE])),
    events: { deliver: false },
  });
  return { ...harness, signingKey };
}

export const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      accessToken
      refreshToken
      expiresIn
      user {
        id
        username
        role
      }
    }
  }
`;

export const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      accessToken
      refreshToken
      user {
        id
        username
      }
    }
  }
`;

export interface Registered {
  viewer: Viewer;
  accessToken: string;
  refreshToken: string;
}

export async function register(
  subgraph: Pick<UsersSubgraph, 'graphql'>,
  username: string,
  password = 'correct horse battery',
): Promise<Registered> {
  const result = await subgraph.graphql(REGISTER, { input: { username, email: `${username}@example.com`, password } });
  if (result.errors) throw new Error(`register ${username} failed: ${JSON.stringify(result.errors)}`);
  const payload = result.data!.register;
  return {
    viewer: { id: payload.user.id, role: payload.user.role },
    accessToken: payload.accessToken,
    refreshToken: payload.refreshToken,
  };
}

export const codeOf = (result: GraphQLResponse) => result.errors?.[0]?.extensions?.code;
