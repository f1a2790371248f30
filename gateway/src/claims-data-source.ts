// Sends each subgraph fetch with the caller's verified claims and address (signed for that subgraph and that
// operation), the request id and W3C trace context, over keep-alive connections (subgraph-http.ts), within a
// timeout. Identical fetches of queries in flight at the same time share one request (deduplication below).
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayCachePolicy, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { CLAIMS_HEADER, requestDigest, signForwardedClaims, type ServiceKeys } from '@supergraph/auth';
import { REQUEST_ID_HEADER, withClientSpan } from '@supergraph/observability';
import type { GatewayContext } from './context';
import { SubgraphTimeout, type SubgraphHttp, type SubgraphHttpResponse } from './subgraph-http';

export type FetchOutcome = 'ok' | 'error' | 'timeout';

export interface SubgraphFetchOptions {
  /** The gateway's own keys: each fetch's claims are signed with them. */
  keys: ServiceKeys;
  http: SubgraphHttp;
  /** A fetch that takes longer is abandoned; the query gets partial data and an error. */
  timeoutMs: number;
  /** Identical fetches of queries in flight at once share one request (default true). */
  deduplicate?: boolean;
  /** Each request is a client span whose `traceparent` it sends (the process traces: see server.ts). */
  tracing?: boolean;
  /** Each HTTP request sent (a shared one once). */
  onFetch?: (subgraph: string, seconds: number, outcome: FetchOutcome) => void;
  /** Each fetch answered by another caller's request in flight. */
  onDeduplicated?: (subgraph: string) => void;
}

/**
 * What a subgraph's answer to one fetch depends on besides the request body (operation text, variables,
 * operation name): the claims the gateway signs into the header — viewer id, role and client address (`cip`:
 * subgraphs key their per-client limits by it); the audience is the data source's own subgraph. Left out: the
 * claims' jti/iat/exp (fresh per header; the shared request carries one, signed once), the request id and the
 * trace context (the shared request carries the first caller's `x-request-id` and `traceparent`, so the
 * subgraph's logs and spans join that caller's trace).
 */
function sharingKey(context: Partial<GatewayContext>, body: string): string {
  return `${JSON.stringify([context.viewer?.id ?? null, context.viewer?.role ?? null, context.clientAddress ?? null])}${body}`;
}

/** Only fetches for an incoming query are shared: never a mutation's (nor its entity fetches), never a subscription's. */
function isShareable(options: GraphQLDataSourceProcessOptions<GatewayContext>): boolean {
  // Only an incoming operation's fetches have an incomingRequestContext (not health checks, not schema loads).
  return 'incomingRequestContext' in options && options.incomingRequestContext.operation?.operation === 'query';
}

const header = (response: SubgraphHttpResponse, name: string): string | undefined => {
  const value = response.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

function parseBody(response: SubgraphHttpResponse): unknown {
  const contentType = header(response, 'content-type');
  return contentType?.startsWith('application/json') || contentType?.startsWith('application/graphql-response+json')
    ? JSON.parse(response.text)
    : response.text;
}

/** As RemoteGraphQLDataSource reports a non-2xx answer: 401 is UNAUTHENTICATED, 403 FORBIDDEN. */
function errorFromResponse(url: string, response: SubgraphHttpResponse): GraphQLError {
  let body: unknown;
  try {
    body = parseBody(response);
  } catch {
    body = response.text;
  }
  const code = response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : undefined;
  return new GraphQLError(`${response.status}: ${response.statusText}`, {
    extensions: {
      response: { url, status: response.status, statusText: response.statusText, body },
      ...(code && { code }),
    },
  });
}

/** As RemoteGraphQLDataSource honours a subgraph's Cache-Control header in the response's cache policy. */
function restrictCachePolicy(policy: GatewayCachePolicy, cacheControl: string | undefined): void {
  const directives = new Map(
    (cacheControl ?? '').split(',').map((part) => {
      const [name = '', value] = part.trim().split('=');
      return [name.toLowerCase(), value] as const;
    }),
  );
  const maxAge = directives.get('max-age');
  policy.restrict({
    maxAge: maxAge && /^[0-9]+$/.test(maxAge) ? Number(maxAge) : 0,
    ...(directives.has('private') && { scope: 'PRIVATE' }),
    ...(directives.has('public') && { scope: 'PUBLIC' }),
  });
}

export class ClaimsForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** Requests in flight by sharingKey(); each entry leaves when its answer (or failure) is in. */
  private readonly inFlight = new Map<string, Promise<SubgraphHttpResponse>>();

  constructor(
    private readonly subgraphName: string,
    url: string,
    private readonly options: SubgraphFetchOptions,
  ) {
    super({ url });
  }

  // Replaces RemoteGraphQLDataSource's process(), which builds a node-fetch Request and Headers per fetch and
  // hands the body to a fetch; the checks and errors it makes are kept (errorFromResponse, parseBody).
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { http: _http, ...payload } = options.request;
    if (!payload.query) throw new Error('Missing query');
    const context = (options.context ?? {}) as Partial<GatewayContext>;
    const body = JSON.stringify(payload);
    let response: SubgraphHttpResponse;
    if (this.options.deduplicate !== false && isShareable(options)) {
      const key = sharingKey(context, body);
      let shared = this.inFlight.get(key);
      if (shared) {
        this.options.onDeduplicated?.(this.subgraphName);
      } else {
        shared = this.send(context, payload.query, payload.variables, body);
        this.inFlight.set(key, shared);
        const leave = () => this.inFlight.delete(key);
        shared.then(leave, leave);
      }
      try {
        response = await shared;
      } catch (error) {
        // The same failure for every caller, each with an error of its own.
        throw error instanceof SubgraphTimeout ? new SubgraphTimeout(this.subgraphName, this.options.timeoutMs) : error;
      }
    } else {
      response = await this.send(context, payload.query, payload.variables, body);
    }

    if (response.status < 200 || response.status > 299) throw errorFromResponse(this.url!, response);
    // Each caller parses the shared text itself, so each gets its own copy of the result to change.
    const result = parseBody(response);
    if (typeof result !== 'object' || result === null) {
      throw new Error(`Expected JSON response body, but received: ${String(result)}`);
    }
    const policy: unknown =
      'incomingRequestContext' in options ? options.incomingRequestContext.overallCachePolicy : undefined;
    if (this.honorSubgraphCacheControlHeader && policy && typeof policy === 'object' && 'restrict' in policy) {
      restrictCachePolicy(policy as GatewayCachePolicy, header(response, 'cache-control'));
    }
    return result as GatewayGraphQLResponse;
  }

  private async send(
    context: Partial<GatewayContext>,
    query: string,
    variables: Record<string, unknown> | undefined,
    body: string,
  ): Promise<SubgraphHttpResponse> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [CLAIMS_HEADER]: signForwardedClaims(this.options.keys, {
        audience: this.subgraphName,
        viewer: context.viewer ?? null,
        clientAddress: context.clientAddress,
        digest: requestDigest(query, variables),
      }),
    };
    if (context.requestId) headers[REQUEST_ID_HEADER] = context.requestId;
    if (context.traceparent) headers.traceparent = context.traceparent;
    const { onFetch } = this.options;
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      // Traced, the request carries its own span's traceparent (the subgraph's spans become its children)
      // instead of the incoming request's.
      const response = this.options.tracing
        ? await withClientSpan(this.url!, headers, () => this.post(headers, body))
        : await this.post(headers, body);
      onFetch?.(this.subgraphName, seconds(), response.status >= 200 && response.status <= 299 ? 'ok' : 'error');
      return response;
    } catch (error) {
      onFetch?.(this.subgraphName, seconds(), error instanceof SubgraphTimeout ? 'timeout' : 'error');
      // A plain Error (a refused connection, a timeout): the gateway then fails only this fetch's fields.
      throw error;
    }
  }

  private post(headers: Record<string, string>, body: string): Promise<SubgraphHttpResponse> {
    return this.options.http.post(this.subgraphName, this.url!, headers, body, this.options.timeoutMs);
  }
}
