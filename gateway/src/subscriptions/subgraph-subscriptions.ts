// The gateway's subscriptions to subgraphs: graphql-transport-ws (graphql-ws) at each subgraph's GraphQL URL
// with the ws scheme, one socket per subgraph shared by every subscription to it. Each subscribe message
// carries its own signed claims in `extensions`, so the socket itself needs none.
//
// A subscription never retries on its own (its claims are single-use, and a client should know its stream
// broke): when the subgraph closes the socket, goes away, or stops answering pings, every subscription on that
// socket ends with `closed`.
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import { createClient, type Client, type SubscribePayload } from 'graphql-ws';
import WebSocket from 'ws';

export interface SubgraphEventSink {
  next(result: FormattedExecutionResult): void;
  /** The subgraph refused or ended the subscription with errors, or the connection to it was lost (`closed`). */
  error(reason: { errors: readonly GraphQLFormattedError[] } | 'closed'): void;
  complete(): void;
}

export interface SubgraphSubscriptions {
  /** Subscribes at a subgraph's GraphQL URL (http or https: its WebSocket twin is used); returns the unsubscriber. */
  subscribe(url: string, payload: SubscribePayload, sink: SubgraphEventSink): () => void;
  close(): Promise<void>;
}

export interface SubgraphSubscriptionsOptions {
  /** A ping every this often; no pong within the same time ends the socket's subscriptions. */
  keepAliveMs: number;
}

export const webSocketUrl = (url: string) => url.replace(/^http(s?):/, 'ws$1:');

const isFormattedErrors = (value: unknown): value is GraphQLFormattedError[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && 'message' in item);

export function createSubgraphSubscriptions(options: SubgraphSubscriptionsOptions): SubgraphSubscriptions {
  const clients = new Map<string, Client>();

  const clientFor = (url: string): Client => {
    const existing = clients.get(url);
    if (existing) return existing;
    let pongWait: NodeJS.Timeout | undefined;
    const client: Client = createClient({
      url: webSocketUrl(url),
      webSocketImpl: WebSocket,
      // Connects with the first subscription and closes with the last (a lingering socket would hold its timer
      // past shutdown).
      lazy: true,
      retryAttempts: 0,
      keepAlive: options.keepAliveMs,
      connectionAckWaitTimeout: options.keepAliveMs,
      on: {
        ping: (received) => {
          if (received) return;
          clearTimeout(pongWait);
          pongWait = setTimeout(() => client.terminate(), options.keepAliveMs);
        },
        pong: (received) => {
          if (received) clearTimeout(pongWait);
        },
        closed: () => clearTimeout(pongWait),
      },
    });
    clients.set(url, client);
    return client;
  };

  return {
    subscribe(url, payload, sink) {
      return clientFor(url).subscribe<Record<string, unknown>, Record<string, unknown>>(payload, {
        next: (result) => sink.next(result),
        error: (reason) => sink.error(isFormattedErrors(reason) ? { errors: reason } : 'closed'),
        complete: () => sink.complete(),
      });
    },
    async close() {
      // A client whose last connection attempt failed has nothing to close.
      await Promise.all([...clients.values()].map((client) => Promise.resolve(client.dispose()).catch(() => {})));
      clients.clear();
    },
  };
}
