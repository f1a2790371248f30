// Asks each subgraph's real server for the SDL it serves (`_service { sdl }`), to compare with its
// schema.graphql. The servers run in-process on loopback; `_service` touches no database, so their pools
// point at an address nothing listens on and are never used. The check signs like the gateway, with a key
// it makes for this run, which the servers it starts are told to trust.
import { createAnimalServer } from '@supergraph/animal';
import {
  createLocalKeySet,
  generateSigningKey,
  requestDigest,
  serviceKeys,
  signForwardedClaims,
  CLAIMS_HEADER,
  createClaimsTrust,
} from '@supergraph/auth';
import { createPool } from '@supergraph/db';
import { createPuzzleServer, DEFAULT_COOLDOWN } from '@supergraph/puzzle';
import { createLogger, type SubgraphServer } from '@supergraph/subgraph';
import { createUsersServer } from '@supergraph/users';
import { createZooServer } from '@supergraph/zoo';

const gatewayKeys = serviceKeys('gateway', generateSigningKey());
const trustFor = (name: string) => createClaimsTrust({ name, gateway: createLocalKeySet(gatewayKeys.published) });
const logger = createLogger('schema-check', 'silent');
const nowhere = 'http://127.0.0.1:9/graphql';

const SERVERS: Record<string, () => SubgraphServer> = {
  users: () =>
    createUsersServer({
      pool: createPool({ connectionString: 'postgres://check@127.0.0.1:9/none' }),
      sessions: { signingKey: generateSigningKey(), issuer: 'check', audience: 'check', refreshTokenTtlDays: 1 },
      claims: trustFor('users'),
      loginThrottle: { maxFailures: 5, lockoutSeconds: 60 },
      logger,
      production: false,
    }),
  zoo: () =>
    createZooServer({
      pool: createPool({ connectionString: 'postgres://check@127.0.0.1:9/none' }),
      claims: trustFor('zoo'),
      keys: serviceKeys('zoo', generateSigningKey()),
      animalService: { url: nowhere, timeoutMs: 100 },
      logger,
      production: false,
    }),
  animal: () =>
    createAnimalServer({
      pool: createPool({ connectionString: 'postgres://check@127.0.0.1:9/none' }),
      claims: trustFor('animal'),
      keys: serviceKeys('animal', generateSigningKey()),
      zooService: { url: nowhere, timeoutMs: 100 },
      logger,
      production: false,
    }),
  puzzle: () =>
    createPuzzleServer({
      pool: createPool({ connectionString: 'postgres://check@127.0.0.1:9/none' }),
      claims: trustFor('puzzle'),
      answerSecret: 'schema-check-only-answer-secret-of-32-chars',
      settings: { cooldown: DEFAULT_COOLDOWN, maxLeaderboardMembers: 2 },
      logger,
      production: false,
    }),
};

const SERVICE_SDL = '{ _service { sdl } }';

/** The SDL the named subgraph's server serves. */
export async function servedSdl(name: string): Promise<string> {
  const create = SERVERS[name];
  if (!create)
    throw new Error(`The schema check does not know how to start subgraph "${name}"; add it to served-sdl.ts`);
  const server = create();
  try {
    const { url } = await server.listen(0);
    const claims = signForwardedClaims(gatewayKeys, {
      audience: name,
      viewer: null,
      digest: requestDigest(SERVICE_SDL, undefined),
    });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLAIMS_HEADER]: claims },
      body: JSON.stringify({ query: SERVICE_SDL }),
    });
    const body = (await response.json()) as { data?: { _service: { sdl: string } }; errors?: { message: string }[] };
    if (!body.data) throw new Error(`${name} did not serve its SDL: ${JSON.stringify(body.errors)}`);
    return body.data._service.sdl;
  } finally {
    await server.stop();
  }
}
