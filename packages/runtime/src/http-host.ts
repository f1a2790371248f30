// The one HTTP host every service runs on: express with GET /health (alive), GET /ready (the service's own
// readiness, 200 or 503 with its details) and GET /metrics (Prometheus), and listening on a port. The
// gateway and the subgraphs mount their GraphQL endpoint and routes on `app`.
import http from 'node:http';
import express, { type Express } from 'express';
import type { Metrics } from '@supergraph/observability';
import { listenHttp } from './process';

export interface Readiness {
  ready: boolean;
  /** Shown in /ready's body next to `status`. */
  details?: Record<string, unknown>;
}

export interface HttpHostOptions {
  metrics: Metrics;
  readiness(): Promise<Readiness>;
}

export interface HttpHost {
  app: Express;
  httpServer: http.Server;
  /** Listens on host:port (0: a free port); resolves with the port bound. */
  listen(port: number, host: string): Promise<number>;
}

export function createHttpHost(options: HttpHostOptions): HttpHost {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const { ready, details } = await options.readiness();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', ...details });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(options.metrics.contentType).send(await options.metrics.render());
  });
  return { app, httpServer, listen: (port, host) => listenHttp(httpServer, port, host) };
}
