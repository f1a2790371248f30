// The shared rate-limit store going away and coming back, with a real Redis: a redis-server of the test's own
// on a free port, stopped and started again (never the machine's Redis).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Redis } from 'ioredis';
import { connectRedis, createLogger } from '@supergraph/runtime';
import { eventually, freePort } from '@supergraph/testing';
import { createRequestRateLimiter } from '../src';
import { startGateway, startSupergraph, type ExtraGateway, type Supergraph } from './support/supergraph';

const redisServerBinary = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
})();
// Visibly skipped where no redis-server binary is installed (.ci/run installs one).
const withRedisServer = redisServerBinary ? it : it.skip;

/** A redis-server on `port`, without persistence: a restart starts empty. Resolves once it accepts connections. */
async function startRedisServer(port: number): Promise<ChildProcess> {
  const server = spawn(
    redisServerBinary!,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
  });
  server.removeAllListeners('exit');
  server.stdout!.resume();
  return server;
}

async function stopRedisServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = once(server, 'exit');
  server.kill('SIGTERM');
  await exited;
}

let supergraph: Supergraph;
beforeAll(async () => {
  supergraph = await startSupergraph();
});
afterAll(() => supergraph.close());

const QUERY = '{ users(first: 1) { totalCount } }';
// No steady rate, a burst of 3 over ten minutes: the budget does not refill while the test runs.
const settings = { perSecond: 0, burst: 3, burstWindowSeconds: 600 };

/** A counter or gauge of the gateway's metrics (on its operations port). */
async function metric(gateway: ExtraGateway, name: string): Promise<number> {
  const text = await (await fetch(gateway.metricsUrl)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return Number(line?.split(' ').at(-1));
}

async function statuses(gateways: ExtraGateway[]): Promise<number[]> {
  const seen = [];
  for (const gateway of gateways) seen.push((await gateway.query(QUERY)).status);
  return seen;
}

describe('rate limits shared through Redis, when Redis fails', () => {
  withRedisServer(
    'keeps answering and limiting per replica while Redis is down, then shares the budget again',
    async () => {
      const port = await freePort();
      let redisServer = await startRedisServer(port);
      let redis: Redis | undefined;
      const gateways: ExtraGateway[] = [];
      try {
        redis = await connectRedis(`redis://127.0.0.1:${port}`, createLogger('test', 'silent'));
        const logs: { level: string; message: string }[] = [];
        const logger = {
          warn: (_fields: object, message: string) => logs.push({ level: 'warn', message }),
          info: (message: string) => logs.push({ level: 'info', message }),
        } as unknown as Parameters<typeof createRequestRateLimiter>[2];
        const shared = { ...settings, keyPrefix: `outage-${randomUUID()}` };
        // Two replicas over one Redis.
        for (let replica = 0; replica < 2; replica++) {
          const rateLimiter = createRequestRateLimiter(shared, redis, logger);
          gateways.push(await startGateway(supergraph, { rateLimiter }));
        }
        const [first, second] = gateways as [ExtraGateway, ExtraGateway];

        // Redis down.
        await stopRedisServer(redisServer);
        await eventually(
          async () => redis!.status,
          (status) => status !== 'ready',
        );
        // Each replica limits from its own memory: the whole budget there, then 429 — never a 500.
        expect(await statuses([first, first, first, first])).toEqual([200, 200, 200, 429]);
        expect(await statuses([second])).toEqual([200]);
        expect(await metric(first, 'supergraph_rate_limit_store_errors_total')).toBeGreaterThan(0);
        expect(await metric(first, 'supergraph_rate_limit_insurance_active')).toBe(1);
        expect(logs.filter(({ level }) => level === 'warn')).toHaveLength(2); // once per replica
        // Still serving, so still ready.
        expect((await fetch(`${first.baseUrl}/ready`)).status).toBe(200);

        // Redis back (empty: no persistence): the replicas draw on one budget in it again.
        redisServer = await startRedisServer(port);
        await eventually(
          async () => redis!.status,
          (status) => status === 'ready',
        );
        expect(await statuses([first, second, first])).toEqual([200, 200, 200]);
        expect(await statuses([second, first])).toEqual([429, 429]);
        expect(await redis.keys(`${shared.keyPrefix}-burst*`)).not.toHaveLength(0);
        expect(await metric(first, 'supergraph_rate_limit_insurance_active')).toBe(0);
        expect(logs.filter(({ level }) => level === 'info')).toHaveLength(2);
      } finally {
        await Promise.all(gateways.map((gateway) => gateway.stop()));
        redis?.disconnect();
        await stopRedisServer(redisServer);
      }
    },
  );
});
