import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { composeSupergraph } from '@supergraph/composition';
import { eventually, freePort } from '@supergraph/testing';
import { service as users } from '@supergraph/users';
import { startFaultySubgraph, FAULTY_SDL, type FaultySubgraph } from './support/faulty-subgraph';
import { GATEWAY_KEYS, startSupergraph, TOKENS, type Supergraph } from './support/supergraph';

let supergraph: Supergraph;
let faulty: FaultySubgraph;
let dir: string;

beforeAll(async () => {
  supergraph = await startSupergraph();
  faulty = await startFaultySubgraph();
  dir = mkdtempSync(path.join(tmpdir(), 'gateway-shutdown-'));
});
afterAll(async () => {
  await faulty.stop();
  await supergraph.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the gateway process on SIGTERM', () => {
  it('finishes every request in flight, then exits 0', async () => {
    const file = path.join(dir, 'supergraph.graphql');
    writeFileSync(
      file,
      composeSupergraph([
        { name: 'users', url: supergraph.subgraphs.users.url, sdl: readFileSync(users.schemaFile, 'utf8') },
        { name: 'faulty', url: faulty.url, sdl: FAULTY_SDL },
      ]),
    );
    const port = await freePort();
    // The real entry point (src/main.ts), run from TypeScript sources.
    const gateway = spawn(
      process.execPath,
      ['--conditions=@supergraph/source', '-r', '@swc-node/register', path.join(__dirname, '../src/main.ts')],
      {
        cwd: path.join(__dirname, '..'),
        env: {
          ...process.env,
          NODE_ENV: 'production',
          PORT: String(port),
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
});
