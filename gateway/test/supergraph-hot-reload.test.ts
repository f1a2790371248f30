import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAccessTokenVerifier } from '@supergraph/auth';
import { composeSupergraph } from '@supergraph/composition';
import { createLogger } from '@supergraph/runtime';
import { service as users } from '@supergraph/users';
import { service as zoo } from '@supergraph/zoo';
import { createGatewayServer, type GatewayServer } from '../src';
import { GATEWAY_KEYS, startSupergraph, TOKENS, type Supergraph } from './support/supergraph';

let supergraph: Supergraph;
let gateway: GatewayServer;
let gatewayUrl: string;
let dir: string;
let file: string;

const usersOnly = () =>
  composeSupergraph([
    { name: 'users', url: supergraph.subgraphs.users.url, sdl: readFileSync(users.schemaFile, 'utf8') },
  ]);
const usersAndZoo = () =>
  composeSupergraph([
    { name: 'users', url: supergraph.subgraphs.users.url, sdl: readFileSync(users.schemaFile, 'utf8') },
    { name: 'zoo', url: supergraph.subgraphs.zoo.url, sdl: readFileSync(zoo.schemaFile, 'utf8') },
  ]);

/** Replaces the file the way a deploy does: write elsewhere, then rename over it. */
function replaceFile(content: string) {
  const staged = `${file}.next`;
  writeFileSync(staged, content);
  renameSync(staged, file);
}

async function query(text: string) {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: text }),
  });
  return (await response.json()) as { data?: any; errors?: { message: string }[] };
}

async function eventually(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting: ${what}`);
}

const ZOOS = '{ zoos { totalCount } }';
const USERS = '{ users { totalCount } }';

beforeAll(async () => {
  supergraph = await startSupergraph();
  dir = mkdtempSync(path.join(tmpdir(), 'supergraph-reload-'));
  file = path.join(dir, 'supergraph.graphql');
  writeFileSync(file, usersOnly());
  gateway = createGatewayServer({
    supergraph: { file },
    verifier: createAccessTokenVerifier({
      jwksUri: new URL('/.well-known/jwks.json', supergraph.subgraphs.users.url).toString(),
      ...TOKENS,
    }),
    keys: GATEWAY_KEYS,
    logger: createLogger('gateway', 'silent'),
    production: false,
  });
  gatewayUrl = (await gateway.listen(0)).url;
});

afterAll(async () => {
  await gateway.stop();
  await supergraph.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('supergraph hot reload', () => {
  it('starts on supergraph A, which has no zoos', async () => {
    expect((await query(USERS)).data.users.totalCount).toEqual(expect.any(Number));
    expect((await query(ZOOS)).errors?.[0]?.message).toMatch(/Cannot query field "zoos"/);
  });

  it('serves supergraph B once the file is replaced, without a restart', async () => {
    replaceFile(usersAndZoo());
    await eventually(async () => (await query(ZOOS)).data?.zoos !== undefined, 'the gateway to serve zoos');
    expect((await query(ZOOS)).data).toEqual({ zoos: { totalCount: 0 } });
  });

  it('keeps serving B when the new file is broken', async () => {
    replaceFile('this is not a supergraph {');
    expect(gateway.reloadSupergraph()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the watcher's own reload attempt run too
    expect((await query(ZOOS)).data).toEqual({ zoos: { totalCount: 0 } });
    expect((await query(USERS)).errors).toBeUndefined();
  });

  it('reloads on demand (as on SIGHUP) when the file is fixed again', async () => {
    writeFileSync(file, usersOnly());
    gateway.reloadSupergraph();
    await eventually(async () => (await query(ZOOS)).errors !== undefined, 'the gateway to drop zoos');
  });
});
