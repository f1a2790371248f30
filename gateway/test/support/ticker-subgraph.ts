// A small streaming subgraph for the subscription tests: `ticks(channel)` events, each naming a User entity
// that the users subgraph resolves, served over graphql-transport-ws at /graphql. Like a real subgraph it
// accepts a subscribe message only with claims the gateway signed for it and for that very operation.
import { EventEmitter, on } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import {
  CLAIMS_HEADER,
  checkOperationBinding,
  createClaimsVerifier,
  createLocalKeySet,
  memoryReplayGuard,
  type Viewer,
} from '@supergraph/auth';
import { GATEWAY_KEYS } from './supergraph';

export const TICKER_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type Query {
    tickerName: String
  }
  type Subscription {
    ticks(channel: String!): Tick!
  }
  type Tick {
    n: Int!
    user: User!
    padding: String!
  }
  type User @key(fields: "id", resolvable: false) {
    id: ID!
  }
`;

// What the subgraph executes: the same fields, without the federation directives.
const schema = buildSchema(`
  type Query { tickerName: String }
  type Subscription { ticks(channel: String!): Tick! }
  type Tick { n: Int! user: User! padding: String! }
  type User { id: ID! }
`);
// Each event of a channel arrives as the emitter's arguments: [tick].
schema.getSubscriptionType()!.getFields().ticks!.resolve = ([tick]: [Tick]) => ({
  n: tick.n,
  user: { id: tick.userId },
});

export interface Tick {
  n: number;
  userId: string;
  /** Any text, to make events as large as a test needs. */
  padding?: string;
}

export interface TickerSubgraph {
  name: 'ticker';
  url: string;
  sdl: string;
  /** Sends a tick to every subscriber of the channel. */
  publish(channel: string, tick: Tick): void;
  /** How many subscriptions to the channel are open here. */
  subscribers(channel: string): number;
  /** The viewer of every subscription accepted, from its verified claims. */
  viewers: (Viewer | null)[];
  /** Stops the subgraph at once, as a crash would (its sockets are cut). */
  stop(): Promise<void>;
}

export async function startTickerSubgraph(): Promise<TickerSubgraph> {
  const channels = new EventEmitter();
  channels.setMaxListeners(0);
  const viewers: (Viewer | null)[] = [];
  const claims = createClaimsVerifier({
    audience: 'ticker',
    issuers: { gateway: { keys: createLocalKeySet(GATEWAY_KEYS.published) } },
    replay: memoryReplayGuard(),
  });
  // The channel's event iterator itself (not an async generator around it, which would only notice an
  // unsubscribe at its next event): unsubscribing removes the listener at once.
  const roots = { subscription: { ticks: ({ channel }: { channel: string }) => on(channels, channel) } };

  const httpServer = http.createServer((_req, res) => res.writeHead(404).end());
  const sockets = new WebSocketServer({ server: httpServer, path: '/graphql' });
  useServer(
    {
      schema,
      roots,
      async onSubscribe(_ctx, _id, payload) {
        try {
          const verified = await claims.verify(payload.extensions?.[CLAIMS_HEADER] as string | undefined);
          checkOperationBinding(verified, payload.query, payload.variables);
          viewers.push(verified.viewer);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
        }
        return undefined;
      },
    },
    sockets,
  );
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;

  return {
    name: 'ticker',
    url: `http://127.0.0.1:${port}/graphql`,
    sdl: TICKER_SDL,
    publish: (channel, tick) => channels.emit(channel, tick),
    subscribers: (channel) => channels.listenerCount(channel),
    viewers,
    async stop() {
      for (const socket of sockets.clients) socket.terminate();
      sockets.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
