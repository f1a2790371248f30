// Subscriptions at the gateway, assembled: the planner that follows the gateway's supergraph, the sockets to
// subgraphs, the service (caps, checks, lifecycle), the metrics, and the two client transports — WebSocket on
// the gateway's HTTP server, SSE as an express handler.
import type http from 'node:http';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import type { RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import type { ClientAddress } from '../client-address';
import { serveServerSentEvents } from './sse-transport';
import { createSubgraphSubscriptions } from './subgraph-subscriptions';
import { createSubscriptionMetrics } from './subscription-metrics';
import { createSubscriptionPlanner } from './subscription-planner';
import { createSubscriptionService, type SubscriptionServiceOptions } from './subscription-service';
import { serveWebSocket, type WebSocketTransport } from './websocket-transport';

/** What the service takes, less what the server builds itself (planner, upstream sockets, metrics). */
export interface SubscriptionServerOptions extends Omit<
  SubscriptionServiceOptions,
  'planner' | 'upstream' | 'metrics'
> {
  gateway: Pick<GatewayInterface, 'onSchemaLoadOrUpdate'>;
  /** Largest WebSocket message a client may send, in bytes. */
  maxMessageBytes: number;
  registry: Registry;
  /** The client address of an upgrade or stream request (TRUST_PROXY), for the per-address caps. */
  clientAddress: ClientAddress;
}

export interface SubscriptionServer {
  /** The SSE endpoint's handler (mounted at /graphql/stream). */
  serverSentEvents: RequestHandler;
  /** Serves WebSockets at `path` on the gateway's HTTP server. */
  listen(httpServer: http.Server, path: string): void;
  /** Completes every subscription after its in-flight events, closes every socket 1001, then the subgraph sockets. */
  stop(): Promise<void>;
}

export function createSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const planner = createSubscriptionPlanner(options.gateway);
  const upstream = createSubgraphSubscriptions({ keepAliveMs: options.limits.keepAliveMs });
  const service = createSubscriptionService({
    ...options,
    planner,
    upstream,
    metrics: createSubscriptionMetrics(options.registry),
  });
  let webSocket: WebSocketTransport | undefined;
  let stopped: Promise<void> | undefined;
  return {
    serverSentEvents: serveServerSentEvents(service, options.clientAddress),
    listen(httpServer, path) {
      webSocket ??= serveWebSocket(httpServer, service, {
        path,
        keepAliveMs: options.limits.keepAliveMs,
        maxPayloadBytes: options.maxMessageBytes,
        clientAddress: options.clientAddress,
      });
    },
    stop() {
      stopped ??= (async () => {
        await service.drain();
        await webSocket?.close();
        await upstream.close();
        planner.stop();
      })();
      return stopped;
    },
  };
}
