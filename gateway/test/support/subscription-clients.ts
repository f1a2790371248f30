// Clients of the gateway's subscription endpoints, as an application would use them: a graphql-ws client over
// WebSocket, and a plain fetch reading the graphql-sse event stream. Each records what it received.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface WebSocketSubscription {
  /** `next` payloads, in order. */
  results: any[];
  completed: boolean;
  /** What ended it with an error: the server's errors, or the close event. */
  error: any;
  unsubscribe(): void;
}

export interface WebSocketSubscriber {
  subscribe(query: string, variables?: Record<string, unknown>): WebSocketSubscription;
  /** Every close of the socket, with its code and reason. */
  closes: { code: number; reason: string }[];
  dispose(): Promise<void>;
}

export const webSocketUrl = (gatewayUrl: string) => gatewayUrl.replace(/^http/, 'ws');

export function webSocketSubscriber(gatewayUrl: string, authorization?: string): WebSocketSubscriber {
  const closes: { code: number; reason: string }[] = [];
  const client = createClient({
    url: webSocketUrl(gatewayUrl),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    ...(authorization && { connectionParams: { authorization } }),
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        closes.push({ code, reason: String(reason) });
      },
    },
  });
  return {
    closes,
    subscribe(query, variables = {}) {
      const subscription: WebSocketSubscription = {
        results: [],
        completed: false,
        error: undefined,
        unsubscribe: () => {},
      };
      subscription.unsubscribe = client.subscribe(
        { query, variables },
        {
          next: (result) => void subscription.results.push(result),
          error: (error) => (subscription.error = error),
          complete: () => (subscription.completed = true),
        },
      );
      return subscription;
    },
    dispose: async () => {
      await Promise.resolve(client.dispose()).catch(() => {});
    },
  };
}

export interface EventStream {
  status: number;
  contentType: string | null;
  /** The stream's events (`next`, `complete`), data parsed; or, for a refused request, its JSON body. */
  messages: { event: string; data: any }[];
  body: any;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** POSTs an operation to the SSE endpoint (graphql-sse, distinct connections mode) and reads the stream. */
export async function openEventStream(
  streamUrl: string,
  operation: { query: string; variables?: Record<string, unknown> },
  headers: Record<string, string> = {},
): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(streamUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify(operation),
    signal: abort.signal,
  });
  const contentType = response.headers.get('content-type');
  const stream: EventStream = {
    status: response.status,
    contentType,
    messages: [],
    body: undefined,
    ended: Promise.resolve(),
    close: () => abort.abort(),
  };
  if (!contentType?.startsWith('text/event-stream')) {
    stream.body = await response.json();
    return stream;
  }
  stream.ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body!) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event) stream.messages.push({ event, data: data ? JSON.parse(data) : null });
        }
      }
    } catch {
      // closed by the test
    }
  })();
  return stream;
}
