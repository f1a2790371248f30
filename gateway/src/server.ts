// The gateway: Apollo Gateway inside Apollo Server over express. It verifies client JWTs, forwards signed
// claims to subgraphs, and reports health and readiness.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { listenHttp, type Logger } from '@supergraph/subgraph';
import { CLAIMS_HEADER, type AccessTokenVerifier, type ForwardedClaimsKey } from '@supergraph/auth';
import { ClaimsForwardingDataSource } from './claims-data-source';
import { supergraphFromFile } from './supergraph-source';
import { viewerFromHeaders, type GatewayContext } from './context';

export interface GatewayOptions {
  /** A fixed supergraph, or a file served with hot reload (see supergraph-source.ts). */
  supergraph: { sdl: string } | { file: string };
  /** Routing URL overrides by subgraph name (e.g. container host names). */
  subgraphUrls?: Record<string, string>;
  verifier: AccessTokenVerifier;
  claimsKey: ForwardedClaimsKey;
  logger: Logger;
  production: boolean;
  bodyLimit?: string;
}

export interface GatewayServer {
  listen(port: number, host?: string): Promise<{ url: string; port: number }>;
  stop(): Promise<void>;
  /** Re-reads the supergraph file now (as SIGHUP does); true when a new supergraph is served. */
  reloadSupergraph(): boolean;
}

/** Subgraph names and routing URLs of a supergraph, for readiness checks. */
function subgraphsOf(supergraphSdl: string): { name: string; url: string }[] {
  return [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)].map((match) => ({ name: match[1]!, url: match[2]! }));
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

export function createGatewayServer(options: GatewayOptions): GatewayServer {
  const { logger, production } = options;
  const overrides = options.subgraphUrls ?? {};
  let urls: string[] = [];
  const served = (sdl: string) => {
    urls = subgraphsOf(sdl).map(({ name, url }) => overrides[name] ?? url);
  };
  const source = 'file' in options.supergraph ? supergraphFromFile(options.supergraph.file, logger, served) : undefined;
  if ('sdl' in options.supergraph) served(options.supergraph.sdl);
  const gateway = new ApolloGateway({
    supergraphSdl: source ?? (options.supergraph as { sdl: string }).sdl,
    buildService: ({ name, url }) => new ClaimsForwardingDataSource(name, overrides[name] ?? url!, options.claimsKey),
  });
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    // main.ts owns signal handling (stopOnSignals), so stopping happens once and in order.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !production,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  let loaded = false;

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const subgraphs = await Promise.all(urls.map(async (url) => ({ url, up: await answers(url) })));
    const ready = loaded && subgraphs.every((subgraph) => subgraph.up);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', supergraphLoaded: loaded, subgraphs });
  });

  let started: Promise<void> | undefined;
  let stopped: Promise<void> | undefined;
  return {
    async listen(port, host = '127.0.0.1') {
      started ??= apollo.start().then(() => {
        loaded = true;
        app.use(
          '/graphql',
          (req, _res, next) => {
            // The internal header is the gateway's to write; a client's copy never travels further.
            delete req.headers[CLAIMS_HEADER];
            next();
          },
          express.json({ limit: options.bodyLimit ?? '100kb' }),
          expressMiddleware(apollo, {
            context: async ({ req }) => ({
              viewer: await viewerFromHeaders(req.headers, options.verifier),
              requestId: randomUUID(),
            }),
          }),
        );
      });
      await started;
      const actualPort = await listenHttp(httpServer, port, host);
      const url = `http://${host}:${actualPort}/graphql`;
      logger.info({ url, subgraphs: urls }, 'gateway listening');
      return { url, port: actualPort };
    },
    reloadSupergraph: () => source?.reload() ?? false,
    stop() {
      stopped ??= (async () => {
        if (httpServer.listening) await apollo.stop();
        logger.info('gateway stopped');
      })();
      return stopped;
    },
  };
}
