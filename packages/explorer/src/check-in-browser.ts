// Opens the explorer in a real Chromium (driven by playwright-core) with every request to a host other than this
// machine refused and recorded, signs in through its panel, runs `{ me { username } }` and a subscription, and
// reports what the page did. The gateway's browser test uses it, and so can CI against `npm start`:
//   node packages/explorer/dist/check-in-browser.js http://localhost:4000/graphql alice supergraph-demo [shot.png]
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Headless, and quiet: no background, component-update or sync traffic, no name resolution but localhost's. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

export interface BrowserCheckOptions {
  /** The explorer's address: the gateway's /graphql. */
  url: string;
  username: string;
  password: string;
  executablePath?: string;
  /** Where to save a PNG of the page at the end (also when a step fails). */
  screenshotPath?: string;
  /** A named subscription, run after the query. `whenSubscribed` makes an event happen once it is sent; `expect` is
   *  text that event shows in the result pane. Without them, only the WebSocket's acknowledged sign-in is checked. */
  subscription?: { query: string; whenSubscribed?: () => Promise<void>; expect?: string };
  /** How long each step may wait for the page (default 30 s). */
  stepTimeoutMs?: number;
}

export interface BrowserCheckReport {
  /** Every request the page made, as `METHOD url`, in order (WebSockets are in webSockets). */
  requests: string[];
  /** Requests and WebSockets to anything but this machine: refused, and listed here. */
  offsite: string[];
  webSockets: string[];
  /** The page's console errors and uncaught exceptions (Content-Security-Policy violations among them). */
  consoleErrors: string[];
  /** The sign-in panel's status once signed in ("Signed in as …"). */
  signedInAs?: string;
  /** The result pane's text after `{ me { username } }`. */
  queryResult?: string;
  subscription?: { acknowledged: boolean; result?: string };
}

/** A step of the check failed; the report holds what the page did until then. */
export class BrowserCheckFailed extends Error {
  constructor(
    message: string,
    readonly report: BrowserCheckReport,
  ) {
    super(message);
  }
}

/** Whether a URL stays on this machine (data: and blob: URLs never leave the page). */
export function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** What is wrong in a report: the CLI's verdict. */
export function problemsOf(report: BrowserCheckReport, username: string): string[] {
  return [
    ...report.offsite.map((url) => `request off this machine: ${url}`),
    ...report.consoleErrors.map((error) => `console error: ${error}`),
    ...(report.queryResult?.includes(`"${username}"`) ? [] : [`{ me { username } } did not show "${username}"`]),
    ...(report.subscription && !report.subscription.acknowledged ? ['the WebSocket did not acknowledge'] : []),
  ];
}

/**
 * Replaces the query editor's text (as a paste would: no auto-closed brackets) and runs it. GraphiQL reads the
 * operation's name and kind from the editor a moment after an edit; the tab showing the operation's name says it
 * has, so operations here are named.
 */
async function runOperation(page: Page, operation: string): Promise<void> {
  const name = /^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(operation)?.[1];
  if (!name) throw new Error(`Name the operation, for GraphiQL's tab to show it: ${operation}`);
  await page.locator('.graphiql-query-editor .CodeMirror').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(operation);
  await page.locator(`.graphiql-tab-active .graphiql-tab-button[title="${name}"]`).waitFor();
  await page.getByRole('button', { name: /Execute query/i }).click();
}

const resultPane = (page: Page) => page.locator('.graphiql-response .CodeMirror-code');

export async function checkExplorerInBrowser(options: BrowserCheckOptions): Promise<BrowserCheckReport> {
  const report: BrowserCheckReport = { requests: [], offsite: [], webSockets: [], consoleErrors: [] };
  const browser = await chromium.launch({
    executablePath: options.executablePath ?? CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  let page: Page | undefined;
  try {
    const context = await browser.newContext();
    context.setDefaultTimeout(options.stepTimeoutMs ?? 30_000);
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isLocal(url)) return route.continue();
      report.offsite.push(url);
      return route.abort('blockedbyclient');
    });
    context.on('request', (request) => report.requests.push(`${request.method()} ${request.url()}`));
    page = await context.newPage();
    let acknowledged!: () => void;
    const acknowledgement = new Promise<void>((resolve) => (acknowledged = resolve));
    page.on('websocket', (webSocket) => {
      report.webSockets.push(webSocket.url());
      if (!isLocal(webSocket.url())) report.offsite.push(webSocket.url());
      webSocket.on('framereceived', ({ payload }) => {
        if (String(payload).includes('"connection_ack"')) acknowledged();
      });
    });
    page.on('console', (message) => {
      if (message.type() === 'error') report.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => report.consoleErrors.push(error.message));

    // The schema's introspection through the gateway is what GraphiQL's docs and autocompletion are built from.
    const introspected = page.waitForResponse(
      (response) => response.request().method() === 'POST' && !!response.request().postData()?.includes('__schema'),
    );
    const response = await page.goto(options.url);
    if (response?.status() !== 200) {
      throw new Error(`GET ${options.url} answered ${response?.status()}: ${(await response?.text())?.slice(0, 300)}`);
    }
    if (!(await introspected).ok()) throw new Error('The introspection query failed');
    await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor();

    await page.getByLabel('Username').fill(options.username);
    await page.getByLabel('Password').fill(options.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const signedIn = page.getByRole('status').filter({ hasText: 'Signed in as' });
    await signedIn.or(page.getByRole('alert')).first().waitFor();
    if (!(await signedIn.isVisible())) throw new Error(`Sign-in refused: ${await page.getByRole('alert').innerText()}`);
    report.signedInAs = await signedIn.innerText();

    await runOperation(page, 'query ExplorerCheck { me { username } }');
    await resultPane(page)
      .filter({ hasText: `"${options.username}"` })
      .waitFor();
    report.queryResult = await resultPane(page).innerText();

    if (options.subscription) {
      const { query, whenSubscribed, expect } = options.subscription;
      report.subscription = { acknowledged: false };
      await runOperation(page, query);
      await acknowledgement;
      report.subscription.acknowledged = true;
      await whenSubscribed?.();
      if (expect) {
        await resultPane(page).filter({ hasText: expect }).waitFor();
        report.subscription.result = await resultPane(page).innerText();
      }
    }
    if (options.screenshotPath) await screenshot(page, options.screenshotPath);
    return report;
  } catch (error) {
    if (page && options.screenshotPath) await screenshot(page, options.screenshotPath).catch(() => undefined);
    throw new BrowserCheckFailed(`${(error as Error).message}\n${JSON.stringify(report, null, 2)}`, report);
  } finally {
    await browser.close();
  }
}

async function screenshot(page: Page, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
}

/** `check-in-browser.js URL USERNAME PASSWORD [SCREENSHOT]`: exit 0 when the explorer works offline. */
async function main([url, username, password, screenshotPath]: string[]): Promise<void> {
  if (!url || !username || !password) {
    console.error('usage: check-in-browser.js URL USERNAME PASSWORD [SCREENSHOT.png]');
    process.exitCode = 2;
    return;
  }
  const report = await checkExplorerInBrowser({
    url,
    username,
    password,
    ...(screenshotPath && { screenshotPath }),
    subscription: {
      query: `subscription ExplorerCheckLive { starEarned(year: ${new Date().getFullYear()}) { part } }`,
    },
  });
  const problems = problemsOf(report, username);
  console.log(`${report.requests.length} requests, all to this machine: ${report.offsite.length === 0}`);
  console.log(`${report.signedInAs ?? 'not signed in'}; WebSocket acknowledged: ${report.subscription?.acknowledged}`);
  for (const problem of problems) console.error(problem);
  console.log(problems.length === 0 ? 'explorer: OK' : 'explorer: FAILED');
  process.exitCode = problems.length === 0 ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  });
}
