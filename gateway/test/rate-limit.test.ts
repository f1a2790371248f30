import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { testRedisUrl } from '@supergraph/testing';
import { createRequestRateLimiter } from '../src';
import { startGateway, startSupergraph, type ExtraGateway, type Supergraph } from './support/supergraph';

let supergraph: Supergraph;
beforeAll(async () => {
  supergraph = await startSupergraph();
});
afterAll(() => supergraph.close());

const QUERY = '{ users(first: 1) { totalCount } }';
const settings = { perSecond: 2, burst: 3, burstWindowSeconds: 60 };

describe('rate limiting (in memory)', () => {
  let gateway: ExtraGateway;
  beforeAll(async () => {
    gateway = await startGateway(supergraph, { production: true, rateLimiter: createRequestRateLimiter(settings) });
  });
  afterAll(() => gateway.stop());

  it('lets a burst through, then answers 429 RATE_LIMITED with retryAfter, then recovers', async () => {
    const statuses = [];
    for (let request = 0; request < settings.perSecond + settings.burst; request++)
      statuses.push((await gateway.query(QUERY)).status);
    expect(statuses.every((status) => status === 200)).toBe(true);

    const limited = await gateway.query(QUERY);
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    await new Promise((resolve) => setTimeout(resolve, limited.body.errors[0].extensions.retryAfter * 1000 + 100));
    expect((await gateway.query(QUERY)).status).toBe(200);
  });

  it('keeps a separate budget per signed-in user', async () => {
    const { auth } = await supergraph.signUp('budgeted');
    expect((await gateway.query(QUERY, undefined, auth)).status).toBe(200);
  });
});

const redisUrl = testRedisUrl();
// Visibly skipped when no Redis answered at the start of the run (.ci/run makes sure one does).
const withRedis = redisUrl ? it : it.skip;

describe('rate limiting shared through Redis', () => {
  withRedis('makes two gateway instances draw on one budget', async () => {
    const redis = new Redis(redisUrl!, { maxRetriesPerRequest: 1 });
    const shared = { ...settings, keyPrefix: `test-${randomUUID()}` };
    const first = await startGateway(supergraph, { rateLimiter: createRequestRateLimiter(shared, redis) });
    const second = await startGateway(supergraph, { rateLimiter: createRequestRateLimiter(shared, redis) });
    try {
      const statuses = [];
      for (let request = 0; request < settings.perSecond + settings.burst; request++) {
        statuses.push((await (request % 2 === 0 ? first : second).query(QUERY)).status);
      }
      expect(statuses.every((status) => status === 200)).toBe(true);
      expect((await first.query(QUERY)).status).toBe(429);
      expect((await second.query(QUERY)).status).toBe(429);
      // A gateway with another prefix (another deployment) has its own budget.
      const other = await startGateway(supergraph, {
        rateLimiter: createRequestRateLimiter({ ...settings, keyPrefix: `test-${randomUUID()}` }, redis),
      });
      try {
        expect((await other.query(QUERY)).status).toBe(200);
      } finally {
        await other.stop();
      }
    } finally {
      await first.stop();
      await second.stop();
      redis.disconnect();
    }
  });
});
