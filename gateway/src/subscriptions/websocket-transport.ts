// Subscriptions over WebSocket with the graphql-transport-ws protocol (graphql-ws over ws), on the gateway's
// own HTTP server at /graphql. The caller's access token comes in the connection_init payload
// (`{ "authorization": "Bearer …" }`); a bad one closes the socket 4401. graphql-ws pings every client and
// drops one that does not answer.
import { once } from 'node:events';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { httpErrorResponse } from '@supergraph/errors';
import type { ClientAddress } from '../client-address';
import { PreparedSubscription, type SubscriberConnection } from './subscriber-connection';
import { connectionEndFor, type SubscriptionService } from './subscription-service';

export interface WebSocketTransportOptions {
  path: string;
  keepAliveMs: number;
  /** Largest message a client may send, in bytes. */
  maxPayloadBytes: number;
  /** The client address of an upgrade request (TRUST_PROXY), for the per-address cap. */
  clientAddress: ClientAddress;
}

export interface WebSocketTransport {
  /** Stops taking new sockets and closes what is left (after the service has drained, every socket is ending). */
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 2_000;

/** Refuses an upgrade before the handshake, as a plain HTTP response. */
function refuseUpgrade(socket: Duplex, status: number, statusText: string, error?: GraphQLError): void {
  const body = error ? JSON.stringify(httpErrorResponse(error).body) : '';
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export function serveWebSocket(
  httpServer: http.Server,
  service: SubscriptionService,
  options: WebSocketTransportOptions,
): WebSocketTransport {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const connections = new WeakMap<WebSocket, SubscriberConnection>();

  const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', 'http://gateway').pathname !== options.path) {
      return refuseUpgrade(socket, 404, 'Not Found');
    }
    let webSocket: WebSocket | undefined;
    let connection: SubscriberConnection;
    try {
      connection = service.open({
        address: options.clientAddress(request),
        transport: 'websocket',
        end: ({ code, reason }) => webSocket?.close(code, reason),
      });
    } catch (error) {
      // Over the address's cap, or shutting down: refused before any WebSocket exists.
      const refusal = error instanceof GraphQLError ? error : undefined;
      const status = refusal?.extensions.code === 'RATE_LIMITED' ? 429 : 503;
      return refuseUpgrade(socket, status, status === 429 ? 'Too Many Requests' : 'Service Unavailable', refusal);
    }
    // However the socket ends (a failed handshake included), the connection's place is given back.
    socket.once('close', () => connection.close());
    sockets.handleUpgrade(request, socket, head, (accepted) => {
      webSocket = accepted;
      connections.set(accepted, connection);
      sockets.emit('connection', accepted, request);
    });
  };
  httpServer.on('upgrade', onUpgrade);

  const server = useServer<Record<string, unknown>>(
    {
      async onConnect({ connectionParams, extra }) {
        const connection = connections.get(extra.socket)!;
        const authorization = connectionParams?.authorization;
        try {
          await connection.authenticate(typeof authorization === 'string' ? authorization : undefined);
          return true;
        } catch (error) {
          const { code, reason } = connectionEndFor(error);
          extra.socket.close(code, reason);
          return false;
        }
      },
      async onSubscribe({ extra }, _id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> {
        const prepared = await connections.get(extra.socket)!.prepare(payload);
        if (!(prepared instanceof PreparedSubscription)) return prepared.errors;
        return {
          schema: prepared.schema,
          document: prepared.document,
          operationName: prepared.operationName,
          variableValues: prepared.variables,
          contextValue: prepared,
        };
      },
      // Only subscriptions pass onSubscribe; each starts here, when graphql-ws asks.
      subscribe({ contextValue }) {
        if (!(contextValue instanceof PreparedSubscription)) throw new Error('Not a prepared subscription');
        return contextValue.start();
      },
    },
    sockets,
    options.keepAliveMs,
  );

  return {
    async close() {
      httpServer.off('upgrade', onUpgrade);
      // The service has asked every socket to close; give the clients a moment to answer, then drop the rest.
      const closing = [...sockets.clients].map((socket) =>
        socket.readyState === socket.CLOSED ? undefined : once(socket, 'close'),
      );
      await Promise.race([Promise.all(closing), delay(CLOSE_GRACE_MS, undefined, { ref: false })]);
      for (const socket of sockets.clients) socket.terminate();
      await server.dispose();
    },
  };
}
