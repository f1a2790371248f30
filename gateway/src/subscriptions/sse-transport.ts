// Subscriptions over server-sent events with the graphql-sse protocol at /graphql/stream, through graphql-sse's
// handler in its "distinct connections" mode: each request (POST with a JSON body, or GET with the operation in
// the URL, and `Accept: text/event-stream`) is one subscription and one stream. The caller's access token is
// the Authorization header; a bad one is a 401 before any stream opens.
//
// The stream is written here rather than by graphql-sse's express adapter so that a client that stops reading
// holds back its events (the response's own back-pressure) instead of growing a buffer: the subscription's
// queue then shows how far behind it is, as over WebSocket.
import { once } from 'node:events';
import { STATUS_CODES } from 'node:http';
import type { Request, RequestHandler } from 'express';
import type { GraphQLError } from 'graphql';
import { createHandler } from 'graphql-sse';
import { BadRequest, httpErrorResponse } from '@supergraph/errors';
import { requestIdFrom, traceContextFromHeaders } from '@supergraph/observability';
import type { ClientAddress } from '../client-address';
import { CloseCode, PreparedSubscription, type SubscriberConnection } from './subscriber-connection';
import type { SubscriptionService } from './subscription-service';

/** What graphql-sse carries from onSubscribe to subscribe. */
type StreamContext = { subscription: PreparedSubscription };

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

const notAStream = new BadRequest(
  'Subscriptions here are server-sent events: send Accept: text/event-stream (graphql-sse, distinct connections mode)',
  406,
);

export function serveServerSentEvents(service: SubscriptionService, clientAddress: ClientAddress): RequestHandler {
  const handler = createHandler<Request, SubscriberConnection, StreamContext>({
    // Every subscription is validated by its connection's checks (subscription-checks.ts) in onSubscribe.
    validate: () => [],
    async onSubscribe(req, params) {
      const prepared = await req.context.prepare(params);
      if (prepared instanceof PreparedSubscription) {
        return {
          schema: prepared.schema,
          document: prepared.document,
          operationName: prepared.operationName,
          variableValues: prepared.variables,
          contextValue: { subscription: prepared },
        };
      }
      const body = JSON.stringify({ errors: prepared.errors });
      const init = { status: prepared.status, statusText: STATUS_CODES[prepared.status] ?? '', headers: JSON_HEADERS };
      return [body, init] as const;
    },
    subscribe: ({ contextValue }) => contextValue.subscription.start(),
  });

  const refuse = (res: Parameters<RequestHandler>[1], error: GraphQLError) => {
    const { status, body } = httpErrorResponse(error);
    res.status(status).json(body);
  };

  return async (req, res) => {
    if (req.headers.accept !== 'text/event-stream') return refuse(res, notAStream);
    const closedOrDrained = () => Promise.race([once(res, 'drain'), once(res, 'close')]).then(() => undefined);
    const trace = traceContextFromHeaders(req.headers);
    let connection: SubscriberConnection;
    try {
      connection = service.open({
        address: clientAddress(req),
        transport: 'sse',
        // A slow client is cut off; any other end comes after the stream's last event and `complete`.
        end: ({ code }) => (code === CloseCode.SlowConsumer ? res.destroy() : res.end()),
        ready: () => (res.writableNeedDrain ? closedOrDrained() : undefined),
        requestId: requestIdFrom(req.headers),
        traceparent: trace.traceparent,
      });
    } catch (error) {
      return refuse(res, error as GraphQLError);
    }
    res.once('close', () => connection.close());
    try {
      await connection.authenticate(req.headers.authorization);
    } catch (error) {
      return refuse(res, error as GraphQLError);
    }

    const [body, init] = await handler({
      method: req.method,
      url: req.url,
      headers: {
        get: (key) => {
          const value = req.headers[key];
          return Array.isArray(value) ? value.join('\n') : value;
        },
      },
      body: (req.body as Record<string, unknown> | undefined) ?? null,
      raw: req,
      context: connection,
    });
    res.writeHead(init.status, init.statusText, init.headers);
    if (!body || typeof body === 'string') {
      res.end(body ?? undefined);
      return;
    }
    res.once('close', () => void body.return(undefined));
    for await (const message of body) {
      if (res.destroyed) break;
      if (!res.write(message)) await closedOrDrained();
    }
    res.end();
  };
}
