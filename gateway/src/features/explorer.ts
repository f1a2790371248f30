// What a browser sees at GET /graphql. In development: the explorer (GraphiQL bundled by @supergraph/explorer, no
// CDN), its page under a Content-Security-Policy that allows only this gateway, its content-hashed assets
// cached for good. In production: nothing; Apollo Server's landing page (Apollo Sandbox, loaded from Apollo's CDN)
// is off in both modes.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express, { type Request, type RequestHandler } from 'express';
import { EXPLORER_ASSETS_PATH, explorerPageDir } from '@supergraph/explorer';
import type { Logger } from '@supergraph/runtime';
import type { GatewayFeature } from './feature';

/** The assets' path below /graphql, where this feature's middleware is mounted. */
const ASSETS_SUBPATH = EXPLORER_ASSETS_PATH.replace(/^\/graphql/, '').replace(/\/$/, '');

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>Explorer not built</title></head>
<body><h1>The explorer is not built</h1>
<p>Run <code>npm run build</code> (<code>npm start</code> does it), then reload this page.
POST /graphql works without it.</p></body></html>
`;

/** Only this gateway: scripts, styles and the page's requests (POST /graphql, and its WebSocket). */
function contentSecurityPolicy(req: Request): string {
  const host = req.headers.host;
  const webSocket = host && /^[\w.:[\]-]+$/.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    // GraphiQL's fonts are inlined in its stylesheet; data: is also the page's empty favicon.
    "font-src 'self' data:",
    "img-src 'self' data:",
    `connect-src 'self'${webSocket}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const wantsHtml = (req: Request) =>
  req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';

export interface ExplorerOptions {
  production: boolean;
  logger: Logger;
  /** The built page (index.html and assets/); by default @supergraph/explorer's dist/page. */
  pageDir?: string;
}

export function explorer({ production, logger, pageDir = explorerPageDir }: ExplorerOptions): GatewayFeature {
  const plugins = [ApolloServerPluginLandingPageDisabled()];
  if (production) return { name: 'explorer', plugins };

  const indexFile = path.join(pageDir, 'index.html');
  if (!existsSync(indexFile)) logger.warn({ pageDir }, 'the explorer is not built: run `npm run build`');
  const assets = express.static(path.join(pageDir, 'assets'), {
    index: false,
    immutable: true,
    maxAge: '365d',
  });
  const serve: RequestHandler = async (req, res, next) => {
    // Mounted on /graphql only: the same middleware also runs in front of /graphql/stream.
    if (req.baseUrl !== '/graphql' || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    if (req.path.startsWith(`${ASSETS_SUBPATH}/`)) {
      res.set({ 'content-security-policy': contentSecurityPolicy(req), 'x-content-type-options': 'nosniff' });
      req.url = req.url.slice(ASSETS_SUBPATH.length);
      // A name the build did not write (an old hash after a rebuild) is a plain 404, not GraphQL's answer.
      return assets(req, res, () => res.status(404).type('text').set('cache-control', 'no-store').send('Not found'));
    }
    if (req.path !== '/' || !wantsHtml(req)) return next();
    // Read on each request (development only): a rebuilt page is served without restarting the gateway.
    let page: string;
    try {
      page = await readFile(indexFile, 'utf8');
    } catch {
      res.status(503).type('html').set('cache-control', 'no-store').send(NOT_BUILT);
      return;
    }
    res
      .status(200)
      .type('html')
      .set({
        'cache-control': 'no-cache',
        'content-security-policy': contentSecurityPolicy(req),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      })
      .send(page);
  };
  return { name: 'explorer', http: [serve], plugins };
}
