// Boots the users subgraph on a fresh real database and the gateway in front of it, in-process, on free
// loopback ports, exactly as production wires them (JWKS over HTTP, signed claims headers).
import { readFileSync } from 'node:fs';
import { createAccessTokenVerifier, generateSigningKey, issueAccessToken, type SigningKey, type Viewer } from '@supergraph/auth';
import { createDatabase, createPool, migrateToLatest } from '@supergraph/db';
import { createLogger } from '@supergraph/subgraph';
import { startPostgres } from '@supergraph/testing';
import { createUsersServer, migrations, SCHEMA_FILE } from '@supergraph/users';
import { composeSupergraph } from '@supergraph/composition';
import { createGatewayServer } from '../../src';

export const CLAIMS_KEY = { secret: 'gateway-test-claims-secret-at-least-32-chars' };
export const TOKENS = { issuer: 'supergraph-users', audience: 'supergraph' };

export interface GraphQLResult {
  status: number;
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

export interface Supergraph {
  gatewayUrl: string;
  usersUrl: string;
  signingKey: SigningKey;
  /** A valid access token for `viewer`, signed with the users service's key. */
  accessTokenFor(viewer: Viewer): string;
  query(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResult>;
  close(): Promise<void>;
}

export async function startSupergraph(): Promise<Supergraph> {
  const database = await startPostgres('gateway_users');
  const pool = createPool({ connectionString: database.url, maxConnections: 5 });
  await migrateToLatest(createDatabase(pool), migrations);
  const signingKey = generateSigningKey();
  const logger = createLogger('test', 'silent');
  const users = createUsersServer({
    pool,
    sessions: { signingKey, ...TOKENS, refreshTokenTtlDays: 30 },
    claimsKey: CLAIMS_KEY,
    loginThrottle: { maxFailures: 5, lockoutSeconds: 900 },
    logger,
    production: false,
  });
  const { url: usersUrl } = await users.listen(0);
  const gateway = createGatewayServer({
    supergraphSdl: composeSupergraph([{ name: 'users', url: usersUrl, sdl: readFileSync(SCHEMA_FILE, 'utf8') }]),
    verifier: createAccessTokenVerifier({ jwksUri: new URL('/.well-known/jwks.json', usersUrl).toString(), ...TOKENS }),
    claimsKey: CLAIMS_KEY,
    logger,
    production: false,
  });
  const { url: gatewayUrl } = await gateway.listen(0);
  return {
    gatewayUrl,
    usersUrl,
    signingKey,
    accessTokenFor: (viewer) => issueAccessToken(signingKey, viewer, TOKENS),
    async query(query, variables, headers = {}) {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async close() {
      await gateway.stop();
      await users.stop();
      await database.drop();
    },
  };
}

export { generateSigningKey };
