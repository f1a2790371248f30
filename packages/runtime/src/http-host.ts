// The one HTTP host every service runs on, with two listeners. The public one (express `app`, where the
// gateway and the subgraphs mount GraphQL) answers GET /health (alive) and GET /ready (200 or 503, the status
// and nothing else). The operations one, on its own port (METRICS_PORT) that is never published, answers
// GET /metrics (Prometheus), GET /ready with the service's details (e.g. which subgraph is down, at what
// address) and GET /health. Readiness probes are cached: however often /ready is asked, the service probes
// its dependencies at most once per `readinessCacheMs`.
import http from 'node:http';
import express, { type Express } from 'express';
import type { Metrics } from '@supergraph/observability';
import { listenHttp } from './process';

export interface Readiness {
  ready: boolean;
  /** Shown next to `status` in the operations port's /ready only (never on the public port). */
  details?: Record<string, unknown>;
}

export interface HttpHostOptions {
  metrics: Metrics;
  readiness(): Promise<Readiness>;
  /** How long one readiness probe's result answers /ready (default 2 s); concurrent calls share one probe. */
  readinessCacheMs?: number;
}

export interface HttpHost {
  /** The public listener's routes. */
  app: Express;
  httpServer: http.Server;
  /** The operations listener (/metrics, detailed /ready, /health). */
  operationsServer: http.Server;
  /**
   * Listens publicly on host:port and for operations on host:metricsPort (0: a free port each); resolves with
   * the ports bound.
   */
  listen(port: number, host: string, metricsPort?: number): Promise<{ port: number; metricsPort: number }>;
  /** Closes the operations listener (the public one is drained by Apollo Server's stop). */
  closeOperations(): Promise<void>;
}

export const DEFAULT_READINESS_CACHE_MS = 2_000;

/** One probe at a time, its result reused for `cacheMs`; a probe that throws counts as not ready. */
export function cachedReadiness(probe: () => Promise<Readiness>, cacheMs: number): () => Promise<Readiness> {
  let last: { at: number; result: Readiness } | undefined;
  let running: Promise<Readiness> | undefined;
  return () => {
    if (last && performance.now() - last.at < cacheMs) return Promise.resolve(last.result);
    running ??= probe()
      .catch((error: unknown): Readiness => ({ ready: false, details: { error: String(error) } }))
      .then((result) => {
        last = { at: performance.now(), result };
        return result;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
}

const statusOf = ({ ready }: Readiness) => (ready ? 'ready' : 'unavailable');

export function createHttpHost(options: HttpHostOptions): HttpHost {
  const readiness = cachedReadiness(options.readiness, options.readinessCacheMs ?? DEFAULT_READINESS_CACHE_MS);
  const health: express.RequestHandler = (_req, res) => {
    res.json({ status: 'ok' });
  };

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  app.get('/health', health);
  app.get('/ready', async (_req, res) => {
    const result = await readiness();
    res.status(result.ready ? 200 : 503).json({ status: statusOf(result) });
  });

  const operations = express();
  operations.disable('x-powered-by');
  const operationsServer = http.createServer(operations);
  operations.get('/health', health);
  operations.get('/ready', async (_req, res) => {
    const result = await readiness();
    res.status(result.ready ? 200 : 503).json({ status: statusOf(result), ...result.details });
  });
  operations.get('/metrics', async (_req, res) => {
    res.type(options.metrics.contentType).send(await options.metrics.render());
  });

  return {
    app,
    httpServer,
    operationsServer,
    async listen(port, host, metricsPort = 0) {
      const boundMetricsPort = await listenHttp(operationsServer, metricsPort, host);
      try {
        return { port: await listenHttp(httpServer, port, host), metricsPort: boundMetricsPort };
      } catch (error) {
        operationsServer.close();
        throw error;
      }
    },
    async closeOperations() {
      if (!operationsServer.listening) return;
      await new Promise<void>((resolve) => {
        operationsServer.close(() => resolve());
        // Scrapers keep connections alive; nothing long-running is served here.
        operationsServer.closeAllConnections();
      });
    },
  };
}
