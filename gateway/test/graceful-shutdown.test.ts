import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { composeSupergraph } from '@supergraph/composition';
import { eventually, freePort } from '@supergraph/testing';
import { service as users } from '@supergraph/users';
import { startFaultySubgraph, FAULTY_SDL, type FaultySubgraph } from './support/faulty-subgraph';
import { webSocketSubscriber } from './support/subscription-clients';
import { GATEWAY_KEYS, startSupergraph, TOKENS, type Supergraph } from './support/supergraph';
import { startTickerSubgraph, type TickerSubgraph } from './support/ticker-subgraph';

let supergraph: Supergraph;
let faulty: FaultySubgraph;
let ticker: TickerSubgraph;
let dir: string;

beforeAll(async () => {
  supergraph = await startSupergraph();
  faulty = await startFaultySubgraph();
  ticker = await startTickerSubgraph();
  dir = mkdtempSync(path.join(tmpdir(), 'gateway-shutdown-'));
});
afterAll(async () => {
  await faulty.stop();
  await ticker.stop();
  await supergraph.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The real entry point (src/main.ts), run from TypeScript sources over the given subgraphs, once it listens. */
async function startGatewayProcess(subgraphs: { name: string; url: string; sdl: string }[]) {
  const file = path.join(dir, `supergraph-${subgraphs.map((subgraph) => subgraph.name).join('-')}.graphql`);
  writeFileSync(file, composeSupergraph(subgraphs));
  const port = await freePort();
  const gateway = spawn(
    process.execPath,
    ['--conditions=@supergraph/source', '-r', '@swc-node/register', path.join(__dirname, '../src/main.ts')],
    {
      cwd: path.join(__dirname, '..'),
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        METRICS_PORT: '0',
        SUPERGRAPH_SDL_FILE: file,
        USERS_JWKS_URL: new URL('/.well-known/jwks.json', supergraph.subgraphs.users.url).toString(),
        JWT_ISSUER: TOKENS.issuer,
        JWT_AUDIENCE: TOKENS.audience,
        CLAIMS_SIGNING_KEY: GATEWAY_KEYS.current.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
        RATE_LIMIT_ENABLED: 'false',
        REDIS_URL: '',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  readline.createInterface({ input: gateway.stderr! }).on('line', (line) => output.push(line));
  const exited = new Promise<number | null>((resolve) => gateway.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    gateway.once('exit', () => reject(new Error(`gateway exited early:\n${output.join('\n')}`)));
    readline.createInterface({ input: gateway.stdout! }).on('line', (line) => {
      output.push(line);
      if (line.includes('gateway listening')) resolve();
    });
  });
  return { gateway, port, exited };
}

describe('the gateway process on SIGTERM', () => {
  it('finishes every request in flight, then exits 0', async () => {
    const { gateway, port, exited } = await startGatewayProcess([
      { name: 'users', url: supergraph.subgraphs.users.url, sdl: readFileSync(users.schemaFile, 'utf8') },
      { name: 'faulty', url: faulty.url, sdl: FAULTY_SDL },
    ]);

    const url = `http://127.0.0.1:${port}/graphql`;
    const slow = (index: number) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ faultyEcho(text: "r${index}", delayMs: 1500) }` }),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as any }));
    faulty.echoing.length = 0;
    const inFlight = Array.from({ length: 20 }, (_, index) => slow(index));
    // SIGTERM once every request is in flight: the subgraph behind the gateway has started on all 20.
    await eventually(
      async () => faulty.echoing.length,
      (count) => count === 20,
      { everyMs: 10 },
    );
    gateway.kill('SIGTERM');

    const results = await Promise.all(inFlight);
    expect(results.map((result) => result.status)).toEqual(Array(20).fill(200));
    expect(results.map((result) => result.body.data.faultyEcho)).toEqual(
      Array.from({ length: 20 }, (_, index) => `r${index}`),
    );
    expect(await exited).toBe(0);
    await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow();
  });

  it('completes every subscription, closes each WebSocket 1001, then exits 0', async () => {
    const { gateway, port, exited } = await startGatewayProcess([
      { name: 'users', url: supergraph.subgraphs.users.url, sdl: readFileSync(users.schemaFile, 'utf8') },
      { name: 'ticker', url: ticker.url, sdl: ticker.sdl },
    ]);
    const client = webSocketSubscriber(`http://127.0.0.1:${port}/graphql`);
    try {
      const ticks = client.subscribe('subscription { ticks(channel: "sigterm") { n } }');
      await eventually(
        async () => ticker.subscribers('sigterm'),
        (open) => open === 1,
        { everyMs: 20 },
      );
      ticker.publish('sigterm', { n: 1, userId: 'nobody' });
      await eventually(
        async () => ticks.results.length,
        (count) => count === 1,
        { everyMs: 20 },
      );

      gateway.kill('SIGTERM');

      expect(await exited).toBe(0);
      expect(ticks.results).toEqual([{ data: { ticks: { n: 1 } } }]);
      expect(ticks.completed).toBe(true);
      expect(client.closes[0]).toEqual({ code: 1001, reason: 'The gateway is shutting down' });
      await eventually(
        async () => ticker.subscribers('sigterm'),
        (open) => open === 0,
      );
    } finally {
      await client.dispose();
    }
  });
});
