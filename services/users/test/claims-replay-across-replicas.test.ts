// Two replicas of the users subgraph sharing Redis share their memory of claims headers: a header one
// replica accepted is a replay at the other. Runs when a Redis answers (.ci/run starts one); skipped visibly
// otherwise.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  CLAIMS_HEADER,
  createLocalKeySet,
  requestDigest,
  signForwardedClaims,
  createClaimsTrust,
} from '@supergraph/auth';
import { createPool } from '@supergraph/db';
import type { SubgraphServer } from '@supergraph/subgraph';
import {
  startSubgraphHarness,
  testKeys,
  testRedisUrl,
  testServiceOptions,
  type SubgraphHarness,
} from '@supergraph/testing';
import { service } from '../src';
import { testUsersSettings } from './support/users-subgraph';

const redisUrl = testRedisUrl();
const withRedis = redisUrl ? describe : describe.skip;

withRedis('claims replay memory shared through Redis', () => {
  let redis: Redis;
  let first: SubgraphHarness;
  let second: SubgraphServer;
  let secondUrl: string;

  beforeAll(async () => {
    redis = new Redis(redisUrl!, { maxRetriesPerRequest: 1, keyPrefix: `test-${randomUUID()}:` });
    const replica = (pool: Parameters<typeof service.createServer>[0]['pool']) =>
      service.createServer({
        ...testServiceOptions('users'),
        pool,
        claims: createClaimsTrust({ name: 'users', gateway: createLocalKeySet(testKeys('gateway').published), redis }),
        settings: testUsersSettings(testKeys('users-tokens').current),
        events: false,
      });
    first = await startSubgraphHarness({
      name: service.name,
      migrations: service.migrations,
      create: ({ pool }) => replica(pool),
    });
    second = replica(createPool({ connectionString: first.databaseUrl, maxConnections: 2 }));
    ({ url: secondUrl } = await second.listen(0));
  });
  afterAll(async () => {
    await second.stop();
    await first.close();
    redis.disconnect();
  });

  it('refuses at one replica a header the other already accepted', async () => {
    const query = '{ users(first: 1) { totalCount } }';
    const claims = signForwardedClaims(testKeys('gateway'), {
      audience: 'users',
      viewer: null,
      digest: requestDigest(query, undefined),
    });
    const send = (url: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CLAIMS_HEADER]: claims },
        body: JSON.stringify({ query }),
      });
    expect((await send(first.url)).status).toBe(200);
    const replay = await send(secondUrl);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });
});
