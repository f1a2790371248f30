import WebSocket from 'ws';
import { createRequestRateLimiter, parseTrustProxy, type GatewayOptions } from '../src';
import { loadConfig } from '../src/config';
import { openEventStream, type EventStream } from './support/subscription-clients';
import { startGateway, startSupergraph, type ExtraGateway, type Supergraph } from './support/supergraph';

let supergraph: Supergraph;
beforeAll(async () => {
  supergraph = await startSupergraph();
});
afterAll(() => supergraph.close());

const QUERY = '{ users(first: 1) { totalCount } }';
// A budget of 1 + 2 requests per address, refilled slowly enough that the test never sees it refill.
const settings = { perSecond: 1, burst: 2, burstWindowSeconds: 600 };
const BUDGET = settings.perSecond + settings.burst;
const forwardedFor = (address: string) => ({ 'x-forwarded-for': address });

async function withGateway(options: Partial<GatewayOptions>, run: (gateway: ExtraGateway) => Promise<void>) {
  const gateway = await startGateway(supergraph, { production: true, ...options });
  try {
    await run(gateway);
  } finally {
    await gateway.stop();
  }
}

/** Spends `count` requests claiming to come from `address`; returns their statuses. */
async function spend(gateway: ExtraGateway, address: string, count: number): Promise<number[]> {
  const statuses = [];
  for (let request = 0; request < count; request++)
    statuses.push((await gateway.query(QUERY, undefined, forwardedFor(address))).status);
  return statuses;
}

describe('TRUST_PROXY', () => {
  it('reads a hop count, addresses and CIDRs, and refuses what is neither, naming the variable', () => {
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('2')).toEqual({ hops: 2 });
    expect(parseTrustProxy('10.0.0.0/8, loopback')).toEqual({ addresses: ['10.0.0.0/8', 'loopback'] });
    expect(loadConfig({ NODE_ENV: 'test' }).TRUST_PROXY).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'test', TRUST_PROXY: 'proxy.internal' })).toThrow(/TRUST_PROXY/);
  });
});

describe('rate limits by client address', () => {
  it('with no trusted proxy, a spoofed X-Forwarded-For does not escape the per-IP budget', async () => {
    await withGateway({ rateLimiter: createRequestRateLimiter(settings) }, async (gateway) => {
      expect(await spend(gateway, '198.51.100.1', BUDGET)).toEqual(Array(BUDGET).fill(200));
      // Every request comes from the same socket address, whatever the header claims.
      expect(await spend(gateway, '198.51.100.2', 1)).toEqual([429]);
      expect((await gateway.query(QUERY)).status).toBe(429);
    });
  });

  it.each([
    ['a hop count', { hops: 1 }],
    ['the proxy’s address range', { addresses: ['loopback'] }],
  ] as const)('behind a proxy trusted by %s, each forwarded client has its own budget', async (_how, trustProxy) => {
    await withGateway({ rateLimiter: createRequestRateLimiter(settings), trustProxy }, async (gateway) => {
      expect(await spend(gateway, '203.0.113.1', BUDGET)).toEqual(Array(BUDGET).fill(200));
      expect(await spend(gateway, '203.0.113.1', 1)).toEqual([429]);
      // Another client behind the same proxy is unaffected.
      expect(await spend(gateway, '203.0.113.2', 1)).toEqual([200]);
      // A client that prepends a forged address is still known by the address the trusted proxy saw.
      expect(await spend(gateway, '192.0.2.9, 203.0.113.1', 1)).toEqual([429]);
    });
  });

  it('does not believe X-Forwarded-For from a peer outside the trusted ranges', async () => {
    const trustProxy = { addresses: ['10.0.0.0/8'] };
    await withGateway({ rateLimiter: createRequestRateLimiter(settings), trustProxy }, async (gateway) => {
      expect(await spend(gateway, '203.0.113.1', BUDGET)).toEqual(Array(BUDGET).fill(200));
      expect(await spend(gateway, '203.0.113.2', 1)).toEqual([429]);
    });
  });
});

describe('subscription caps by client address', () => {
  /** A WebSocket upgrade at /graphql: `open`, or the status it was refused with. */
  const upgrade = (gateway: ExtraGateway, address: string, open: WebSocket[]) =>
    new Promise<'open' | number>((resolve) => {
      const socket = new WebSocket(gateway.url.replace(/^http/, 'ws'), 'graphql-transport-ws', {
        headers: forwardedFor(address),
      });
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.once('open', () => {
        open.push(socket);
        resolve('open');
      });
    });
  const STARS = { query: 'subscription { starEarned(year: 2024) { part } }' };
  const stream = (gateway: ExtraGateway, address: string, open: EventStream[]) =>
    openEventStream(`${gateway.url}/stream`, STARS, forwardedFor(address)).then((opened) => {
      open.push(opened);
      return opened.status === 200 ? 'open' : opened.status;
    });

  it.each([
    ['unset: every connection is the proxy’s', undefined, ['open', 429, 429]],
    ['trusted: each forwarded client has its own cap', { addresses: ['loopback'] }, ['open', 'open', 429]],
  ] as const)('TRUST_PROXY %s (WebSocket and SSE)', async (_how, trustProxy, expected) => {
    const options = { subscriptions: { maxConnectionsPerAddress: 1 }, ...(trustProxy && { trustProxy }) };
    await withGateway(options, async (gateway) => {
      const sockets: WebSocket[] = [];
      try {
        const statuses = [
          await upgrade(gateway, '203.0.113.1', sockets),
          await upgrade(gateway, '203.0.113.2', sockets),
          await upgrade(gateway, '203.0.113.1', sockets),
        ];
        expect(statuses).toEqual(expected);
      } finally {
        sockets.forEach((socket) => socket.terminate());
      }
    });
    await withGateway(options, async (gateway) => {
      const streams: EventStream[] = [];
      try {
        const statuses = [
          await stream(gateway, '203.0.113.1', streams),
          await stream(gateway, '203.0.113.2', streams),
          await stream(gateway, '203.0.113.1', streams),
        ];
        expect(statuses).toEqual(expected);
      } finally {
        streams.forEach((opened) => opened.close());
      }
    });
  });
});
