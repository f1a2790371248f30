// How GraphiQL reaches the gateway: queries and mutations as POST to the page's own address, subscriptions over
// a WebSocket at the same path (graphql-transport-ws). The signed-in user's access token goes in the
// Authorization header of each POST and in the socket's connection_init payload.
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';

export interface ExplorerConnection {
  fetcher: Fetcher;
  /** Closes the WebSocket, if one was opened. */
  dispose(): void;
}

export function connectExplorer(endpoint: string, accessToken: string | undefined): ExplorerConnection {
  const authorization: Record<string, string> = accessToken ? { authorization: `Bearer ${accessToken}` } : {};
  // Lazy: the socket opens with the first subscription, and closes when the last one ends.
  const webSocket = createClient({ url: endpoint.replace(/^http/, 'ws'), connectionParams: authorization });
  const fetcher = createGraphiQLFetcher({
    url: endpoint,
    // The headers editor's own headers come after these, so a header typed there wins.
    headers: authorization,
    wsClient: webSocket,
    enableIncrementalDelivery: false,
  });
  return { fetcher, dispose: () => void webSocket.dispose() };
}
