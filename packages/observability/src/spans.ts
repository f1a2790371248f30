// The spans this platform makes itself, beside those Apollo Gateway makes (gateway.request, plan, fetch, …):
// a server span per GraphQL HTTP request, named for its operation once known; a client span per call to
// another service, whose `traceparent` the call carries; a span per SQL statement. Only a process that started
// tracing (tracing.ts) asks for them: its servers and clients are built with `tracing: true`, the others never
// reach this module on a request's path.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace, type Span } from '@opentelemetry/api';
import {
  ATTR_DB_NAMESPACE,
  ATTR_DB_OPERATION_NAME,
  ATTR_DB_QUERY_TEXT,
  ATTR_DB_RESPONSE_STATUS_CODE,
  ATTR_DB_SYSTEM_NAME,
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_FULL,
  ATTR_URL_PATH,
  DB_SYSTEM_NAME_VALUE_POSTGRESQL,
} from '@opentelemetry/semantic-conventions';
import type { DbQueryEvent } from './metrics';

// GraphQL's attribute names are still "incubating" in the semantic conventions (not exported from the stable
// entry point); Apollo Gateway's own spans use the same names.
const ATTR_GRAPHQL_OPERATION_NAME = 'graphql.operation.name';
const ATTR_GRAPHQL_OPERATION_TYPE = 'graphql.operation.type';

const tracer = trace.getTracer('@supergraph/observability');

/**
 * Express-style middleware opening the SERVER span of each request under `route`: a child of the caller's
 * `traceparent`, active for everything the request runs (its body's stream events included), ended when the
 * response is.
 */
export function serverSpans(
  route: string,
): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void {
  return (req, res, next) => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const method = req.method ?? 'GET';
    const span = tracer.startSpan(
      `${method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          [ATTR_HTTP_REQUEST_METHOD]: method,
          [ATTR_HTTP_ROUTE]: route,
          [ATTR_URL_PATH]: req.url?.split('?', 1)[0] ?? route,
        },
      },
      parent,
    );
    const active = trace.setSpan(parent, span);
    // The body arrives in stream events, which run outside the request's async context unless bound to it.
    context.bind(active, req);
    context.bind(active, res);
    res.once('close', () => {
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
      if (!res.writableFinished) span.setAttributes({ [ATTR_ERROR_TYPE]: 'aborted' });
      if (res.statusCode >= 500 || !res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(active, next);
  };
}

/**
 * Names the request's server span (serverSpans) after its GraphQL operation, `query ZoosWithAnimals`, and marks
 * it failed when the response carries errors (their messages stay in the logs: a span is no place for them).
 */
export function operationSpanPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const span = trace.getActiveSpan();
      if (!span) return;
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!operation) return;
          span.updateName(operationName ? `${operation.operation} ${operationName}` : operation.operation);
          span.setAttribute(ATTR_GRAPHQL_OPERATION_TYPE, operation.operation);
          if (operationName) span.setAttribute(ATTR_GRAPHQL_OPERATION_NAME, operationName);
        },
        async didEncounterErrors() {
          span.setStatus({ code: SpanStatusCode.ERROR });
        },
      };
    },
  };
}

/**
 * Runs `call`, a POST to `url`, under a CLIENT span of the active trace, after writing that span's `traceparent`
 * into `headers` (which `call` sends): the service called continues the trace under this span.
 */
export async function withClientSpan<Response extends { status: number }>(
  url: string,
  headers: Record<string, string>,
  call: () => Promise<Response>,
): Promise<Response> {
  const target = new URL(url);
  const span = tracer.startSpan(`POST ${target.pathname}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      [ATTR_HTTP_REQUEST_METHOD]: 'POST',
      [ATTR_URL_FULL]: url,
      [ATTR_SERVER_ADDRESS]: target.hostname,
      [ATTR_SERVER_PORT]: Number(target.port) || (target.protocol === 'https:' ? 443 : 80),
    },
  });
  propagation.inject(trace.setSpan(context.active(), span), headers);
  try {
    const response = await call();
    span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, response.status);
    if (response.status >= 400) {
      span.setAttribute(ATTR_ERROR_TYPE, String(response.status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    return response;
  } catch (error) {
    failed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** A statement Kysely reports to its `log` callback (its `LogEvent`): the SQL text, never the parameters. */
export interface SqlStatementEvent extends DbQueryEvent {
  readonly query: { readonly sql: string };
  readonly error?: unknown;
}

/**
 * Records a finished SQL statement of database `namespace` as a CLIENT span of the active trace (the request
 * that ran it), from Kysely's own timing: created after the fact, so running a statement costs nothing more.
 * The statement's text is kept (Kysely sends values as parameters, `$1`…), its parameters never.
 */
export function recordSqlStatement(event: SqlStatementEvent, namespace: string): void {
  const end = performance.timeOrigin + performance.now();
  const operation = /^\s*([A-Za-z]+)/.exec(event.query.sql)?.[1]?.toUpperCase();
  const span = tracer.startSpan(operation ? `${operation} ${namespace}` : namespace, {
    kind: SpanKind.CLIENT,
    startTime: end - event.queryDurationMillis,
    attributes: {
      [ATTR_DB_SYSTEM_NAME]: DB_SYSTEM_NAME_VALUE_POSTGRESQL,
      [ATTR_DB_NAMESPACE]: namespace,
      [ATTR_DB_QUERY_TEXT]: event.query.sql,
      ...(operation && { [ATTR_DB_OPERATION_NAME]: operation }),
    },
  });
  if (event.level === 'error') {
    const code = (event.error as { code?: unknown } | null)?.code;
    if (typeof code === 'string') span.setAttribute(ATTR_DB_RESPONSE_STATUS_CODE, code);
    failed(span, event.error);
  }
  span.end(end);
}

function failed(span: Span, error: unknown): void {
  const code = (error as { code?: unknown } | null)?.code;
  span.setAttribute(ATTR_ERROR_TYPE, typeof code === 'string' ? code : error instanceof Error ? error.name : 'Error');
  span.setStatus({ code: SpanStatusCode.ERROR });
}
