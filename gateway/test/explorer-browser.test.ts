// The explorer at GET /graphql: served to browsers in development only, and working in a real Chromium with every
// request off this machine refused — it loads, signs in through its panel, runs `{ me { username } }` and a live
// subscription. Without Debian's Chromium at /usr/bin/chromium (`.ci/run` installs it) the browser tests are
// skipped, visibly. A clean clone has no bundle: beforeAll builds it when it is missing or stale.
import { existsSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { ensureExplorerBuilt } from '@supergraph/explorer/build';
import {
  BrowserCheckFailed,
  CHROMIUM_PATH,
  checkExplorerInBrowser,
  isLocal,
  problemsOf,
} from '@supergraph/explorer/check-in-browser';
import { createLogger } from '@supergraph/runtime';
import { eventually } from '@supergraph/testing';
import { explorer } from '../src/features/explorer';
import { startGateway, startSupergraph, type ExtraGateway, type Supergraph } from './support/supergraph';

/** The screenshot CI keeps (gitignored). */
const SCREENSHOT = path.resolve(__dirname, '../../.ci/artifacts/explorer.png');
const hasChromium = existsSync(CHROMIUM_PATH);
if (!hasChromium) {
  console.warn(
    `SKIPPED: the explorer's browser tests need Chromium at ${CHROMIUM_PATH} (apt-get install chromium; .ci/run does).`,
  );
}
const describeInBrowser = hasChromium ? describe : describe.skip;

let supergraph: Supergraph;
let production: ExtraGateway;
beforeAll(async () => {
  await ensureExplorerBuilt();
  supergraph = await startSupergraph();
  production = await startGateway(supergraph, { production: true });
}, 120_000);
afterAll(async () => {
  await production.stop();
  await supergraph.close();
});

const asBrowser = (url: string) => fetch(url, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
const assetsOf = (page: string) => [...page.matchAll(/(?:src|href)="(\/graphql\/explorer\/[^"]+)"/g)].map((m) => m[1]!);

describe('the explorer over HTTP', () => {
  it('is the page a browser gets at GET /graphql in development, allowed to reach only this gateway', async () => {
    const response = await asBrowser(supergraph.gatewayUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const policy = response.headers.get('content-security-policy')!;
    const { host } = new URL(supergraph.gatewayUrl);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain(`connect-src 'self' ws://${host} wss://${host}`);
    const page = await response.text();
    expect(page).not.toMatch(/https?:\/\//);

    const assets = assetsOf(page);
    expect(assets.map((asset) => path.extname(asset)).sort()).toEqual(['.css', '.js']);
    for (const asset of assets) {
      const served = await fetch(new URL(asset, supergraph.gatewayUrl));
      expect(served.status).toBe(200);
      expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(served.headers.get('content-type')).toMatch(asset.endsWith('.js') ? /javascript/ : /text\/css/);
    }
    const unknown = await fetch(new URL('/graphql/explorer/explorer-OLDHASH.js', supergraph.gatewayUrl));
    expect([unknown.status, await unknown.text()]).toEqual([404, 'Not found']);
  });

  it('leaves GraphQL over GET and POST to the gateway', async () => {
    const get = await fetch(`${supergraph.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect([get.status, await get.json()]).toEqual([200, { data: { __typename: 'Query' } }]);
    expect((await supergraph.query('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('serves nothing to a browser in production: no explorer, no Apollo Sandbox, no assets', async () => {
    const page = await asBrowser(production.url);
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).not.toMatch(/html/);
    expect(await page.text()).not.toMatch(/explorer|sandbox|<html/i);
    const development = await (await asBrowser(supergraph.gatewayUrl)).text();
    for (const asset of assetsOf(development)) {
      const served = await fetch(new URL(asset, production.url));
      expect(served.status).not.toBe(200);
      expect(served.headers.get('content-type')).not.toMatch(/javascript|css/);
    }
  });

  it('says to run `npm run build` when the page is not built, rather than failing', async () => {
    const feature = explorer({
      production: false,
      logger: createLogger('test', 'silent'),
      pageDir: mkdtempSync(path.join(tmpdir(), 'no-explorer-')),
    });
    const app = express().use('/graphql', ...feature.http!);
    const server = http.createServer(app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const response = await asBrowser(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('Run <code>npm run build</code>');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describeInBrowser(`the explorer in Chromium (${hasChromium ? CHROMIUM_PATH : `SKIPPED: no ${CHROMIUM_PATH}`})`, () => {
  /** Waits until the subgraphs hold `count` subscriptions (the gateway's subscription to them is open). */
  const activeSubscriptions = (count: number) =>
    eventually(
      async () => {
        const text = await (await fetch(supergraph.gatewayMetricsUrl)).text();
        return Number(/^supergraph_subscriptions_active (\d+)/m.exec(text)?.[1] ?? 0);
      },
      (open) => open === count,
    );

  it('loads with no request off this machine, signs in, shows `me`, and streams a subscription', async () => {
    const username = 'explorer_keeper';
    const keeper = await supergraph.signUp(username);
    const created = await supergraph.query(
      'mutation($input: CreateZooInput!) { createZoo(input: $input) { id } }',
      { input: { name: 'Explorer Zoo' } },
      keeper.auth,
    );
    const zooId = created.data!.createZoo.id as string;

    const report = await checkExplorerInBrowser({
      url: supergraph.gatewayUrl,
      username,
      password: `${username}-password`,
      screenshotPath: SCREENSHOT,
      subscription: {
        query: `subscription ExplorerLive {\n  animalAdded(zooId: "${zooId}") {\n    name\n    zoo { name }\n  }\n}`,
        async whenSubscribed() {
          await activeSubscriptions(1);
          const animal = await supergraph.query(
            'mutation($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }',
            { input: { name: 'Bramble', species: 'Hedgehog', zooId } },
            keeper.auth,
          );
          if (animal.errors) throw new Error(JSON.stringify(animal.errors));
        },
        expect: '"Bramble"',
      },
    });

    expect(report.offsite).toEqual([]);
    expect(report.requests.length).toBeGreaterThan(3);
    expect(report.requests.filter((request) => !isLocal(request.split(' ')[1]!))).toEqual([]);
    expect(report.consoleErrors).toEqual([]);
    expect(report.signedInAs).toContain(`Signed in as ${username}`);
    expect(report.queryResult).toMatch(new RegExp(`"username":\\s*"${username}"`));
    expect(report.webSockets).toEqual([supergraph.gatewayUrl.replace(/^http/, 'ws')]);
    expect(report.subscription).toEqual({ acknowledged: true, result: expect.stringContaining('"Explorer Zoo"') });
    expect(problemsOf(report, username)).toEqual([]);
    expect(existsSync(SCREENSHOT)).toBe(true);
  }, 120_000);

  it('refuses and reports what a CDN-loaded page would fetch (the check can fail)', async () => {
    const cdnPage = http.createServer((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          '<!doctype html><link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Fira+Code">' +
            '<script src="https://unpkg.com/graphiql/graphiql.min.js"></script>',
        ),
    );
    cdnPage.listen(0, '127.0.0.1');
    await new Promise((resolve) => cdnPage.once('listening', resolve));
    try {
      const checking = checkExplorerInBrowser({
        url: `http://127.0.0.1:${(cdnPage.address() as AddressInfo).port}/graphql`,
        username: 'nobody',
        password: 'nothing-at-all',
        stepTimeoutMs: 5_000,
      });
      const failure = await checking.then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(BrowserCheckFailed);
      expect((failure as BrowserCheckFailed).report.offsite.sort()).toEqual([
        'https://fonts.googleapis.com/css2?family=Fira+Code',
        'https://unpkg.com/graphiql/graphiql.min.js',
      ]);
    } finally {
      await new Promise((resolve) => cdnPage.close(resolve));
    }
  }, 60_000);
});
