// The subgraph's subscription endpoint: the graphql-transport-ws protocol (graphql-ws) on the HTTP server's
// /graphql, for the gateway. The connection itself proves nothing (connection_init may be empty); each
// subscribe message carries, in payload.extensions, claims signed for this subgraph and bound to its query and
// variables — checked exactly as a POST's header is, before anything is parsed. Refusals, validation errors
// and authorization errors at subscribe time all come back as one `error` message; events as `next` messages,
// each executed with a fresh context (fresh loaders: an event sees the data as it is now).
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import {
  GraphQLError,
  createSourceEventStream,
  execute,
  getOperationAST,
  parse,
  validate,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { Gauge, type Registry } from 'prom-client';
import { WebSocketServer } from 'ws';
import { CLAIMS_HEADER, checkOperationBinding, type ClaimsVerifier } from '@supergraph/auth';
import { createErrorFormatter, RateLimited, ValidationFailed } from '@supergraph/errors';
import { REQUEST_ID_HEADER, requestIdFrom, traceContextFromHeaders } from '@supergraph/observability';
import { mapEvents } from '@supergraph/pubsub';
import type { Logger } from '@supergraph/runtime';
import type { RequestInfo } from './server';
import { reportStatementTimeouts } from './statement-timeouts';

export interface SubscriptionLimits {
  /** Open WebSocket connections; past it an upgrade is answered 503 (default 1000). */
  maxConnections?: number;
  /**
   * Subscriptions open at once on one connection (default 10,000). A gateway may carry many clients'
   * subscriptions on one connection; the per-client caps are the gateway's.
   */
  maxSubscriptionsPerConnection?: number;
  /** Largest message accepted from a client, in bytes (default 100 KB, as for a POST body). */
  maxMessageBytes?: number;
  /** How often the server pings each connection; one that does not answer in as long is dropped (default 12 s). */
  keepAliveMs?: number;
}

export interface SubscriptionEndpointOptions<Context> {
  httpServer: http.Server;
  /** The path upgrades are accepted on (the GraphQL endpoint's). */
  path: string;
  /** The subgraph's executable schema, the one the HTTP path serves. */
  schema: GraphQLSchema;
  claims: ClaimsVerifier;
  createContext(request: RequestInfo): Context | Promise<Context>;
  logger: Logger;
  production: boolean;
  limits?: SubscriptionLimits;
  /** Gains the active connections and subscriptions gauges. */
  registry: Registry;
  service: string;
}

export interface SubscriptionEndpoint {
  /**
   * Refuses new connections, closes the open ones with 1001 (their subscriptions end), waits a moment for the
   * clients to acknowledge, and drops whoever has not.
   */
  close(): Promise<void>;
}

/** Where a subscribe message carries what a POST carries in headers. */
const EXTENSION_HEADERS = [CLAIMS_HEADER, REQUEST_ID_HEADER, 'traceparent', 'tracestate'];
const CLOSE_GRACE_MS = 2_000;

const refuseUpgrade = (socket: Duplex, status: string) => {
  socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
};

export function createSubscriptionEndpoint<Context>(
  options: SubscriptionEndpointOptions<Context>,
): SubscriptionEndpoint {
  const { schema, logger, limits = {} } = options;
  const maxConnections = limits.maxConnections ?? 1_000;
  const maxSubscriptions = limits.maxSubscriptionsPerConnection ?? 10_000;
  const formatError = reportStatementTimeouts(createErrorFormatter(logger, options.production), logger);
  const format = (error: GraphQLError) => formatError(error.toJSON(), error);

  const connections = new Gauge({
    name: 'supergraph_subscription_connections',
    help: 'Open WebSocket connections on the subgraph subscription endpoint.',
    labelNames: ['service'] as const,
    registers: [options.registry],
  });
  const active = new Gauge({
    name: 'supergraph_subscriptions_active',
    help: 'Subscriptions accepted and not yet ended.',
    labelNames: ['service'] as const,
    registers: [options.registry],
  });
  const service = { service: options.service };
  connections.set(service, 0);
  active.set(service, 0);

  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes ?? 100 * 1024 });
  let closing = false;
  // The upgrade is handled here rather than by `ws` itself so that a full or stopping server answers with a
  // plain HTTP status, before any WebSocket exists.
  const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const { pathname } = new URL(request.url ?? '/', 'http://subgraph');
    if (pathname !== options.path) return refuseUpgrade(socket, '404 Not Found');
    if (closing) return refuseUpgrade(socket, '503 Service Unavailable');
    if (wss.clients.size >= maxConnections) {
      logger.warn({ maxConnections }, 'subscriptions: refused a connection over the limit');
      return refuseUpgrade(socket, '503 Service Unavailable');
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      connections.inc(service);
      ws.once('close', () => connections.dec(service));
      wss.emit('connection', ws, request);
    });
  };
  options.httpServer.on('upgrade', onUpgrade);

  /** Streams prepared by onSubscribe, handed to graphql-ws by the execution arguments they belong to. */
  const prepared = new WeakMap<ExecutionArgs, AsyncIterableIterator<ExecutionResult>>();

  async function prepare(
    subscriptions: number,
    payload: SubscribePayload,
  ): Promise<ExecutionArgs | readonly GraphQLError[]> {
    const extensions = payload.extensions ?? {};
    const headers = Object.fromEntries(
      EXTENSION_HEADERS.flatMap((name) => (typeof extensions[name] === 'string' ? [[name, extensions[name]]] : [])),
    ) as Record<string, string>;
    // No valid claims bound to this very operation: nothing is parsed, let alone run.
    const claims = await options.claims.verify(headers[CLAIMS_HEADER]);
    checkOperationBinding(claims, payload.query, payload.variables);
    if (subscriptions > maxSubscriptions)
      return [new RateLimited(1, `At most ${maxSubscriptions} subscriptions at once on one connection`)];

    const document = parse(payload.query);
    const invalid = validate(schema, document);
    if (invalid.length) return invalid;
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) return [new ValidationFailed('Name the operation to run (operationName)')];
    if (operation.operation !== 'subscription')
      return [new ValidationFailed('This endpoint runs subscriptions only; send queries and mutations with POST')];

    const requestId = requestIdFrom(headers);
    const { traceId } = traceContextFromHeaders(headers);
    const request: RequestInfo = {
      viewer: claims.viewer,
      claimsIssuer: claims.issuer,
      ...(claims.clientAddress && { clientAddress: claims.clientAddress }),
      requestId,
      traceId,
      logger: logger.child({ requestId, traceId }),
    };
    const args: ExecutionArgs = {
      schema,
      document,
      operationName: payload.operationName ?? null,
      variableValues: payload.variables ?? null,
      contextValue: await options.createContext(request),
      rootValue: undefined,
    };
    // The subscribe step (the field's `subscribe`: arguments, authorization, the topic) runs here, so that
    // its errors are this subscribe message's `error` rather than a `next` followed by `complete`.
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source.errors ?? [new GraphQLError('The subscription did not start')];
    active.inc(service);
    const events = mapEvents(
      source[Symbol.asyncIterator](),
      async (event) => execute({ ...args, rootValue: event, contextValue: await options.createContext(request) }),
      () => active.dec(service),
    );
    prepared.set(args, events);
    return args;
  }

  const server = useServer(
    {
      isProd: options.production,
      async onSubscribe(ctx, _id, payload) {
        try {
          // graphql-ws has registered this subscription already: the count includes it.
          return await prepare(Object.keys(ctx.subscriptions).length, payload);
        } catch (error) {
          // A thrown error would close the whole connection: report it on this subscription instead.
          return [
            error instanceof GraphQLError
              ? error
              : new GraphQLError('Internal error', { originalError: error as Error }),
          ];
        }
      },
      subscribe(args) {
        const events = prepared.get(args);
        if (!events) throw new Error('A subscription reached execution without being prepared');
        prepared.delete(args);
        return events;
      },
      onNext: (_ctx, _id, _payload, _args, result) => ({
        ...(result.data !== undefined && { data: result.data }),
        ...(result.errors && { errors: result.errors.map(format) }),
      }),
      onError: (_ctx, _id, _payload, errors) => errors.map(format),
    },
    wss,
    limits.keepAliveMs,
  );

  return {
    async close() {
      if (closing) return;
      closing = true;
      options.httpServer.off('upgrade', onUpgrade);
      const disposed = server.dispose(); // closes every client with 1001 "Going away"
      const grace = new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
      await Promise.race([disposed, grace]);
      for (const client of wss.clients) client.terminate();
      await disposed;
    },
  };
}
