// Sends each subgraph fetch with the caller's verified claims and address (signed for that subgraph and that
// operation), the request id and W3C trace context, over keep-alive connections, within a timeout.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { CLAIMS_HEADER, requestDigest, signForwardedClaims, type ServiceKeys } from '@supergraph/auth';
import type { GatewayContext } from './context';

export type FetchOutcome = 'ok' | 'error' | 'timeout';

export interface SubgraphFetchOptions {
  /** The gateway's own keys: each fetch's claims are signed with them. */
  keys: ServiceKeys;
  /** A fetch that takes longer is abandoned; the query gets partial data and an error. */
  timeoutMs: number;
  onFetch?: (subgraph: string, seconds: number, outcome: FetchOutcome) => void;
}

export class ClaimsForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraphName: string,
    url: string,
    private readonly options: SubgraphFetchOptions,
  ) {
    super({ url });
    // Node's fetch keeps connections alive; each call gets its own deadline.
    this.fetcher = (async (input: string, init?: RequestInit) => {
      const started = process.hrtime.bigint();
      const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
      try {
        const response = await fetch(input, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
        options.onFetch?.(subgraphName, seconds(), response.ok ? 'ok' : 'error');
        return response;
      } catch (error) {
        const timedOut = (error as Error).name === 'TimeoutError';
        options.onFetch?.(subgraphName, seconds(), timedOut ? 'timeout' : 'error');
        // A plain Error, as for a refused connection: the gateway then fails only this fetch's fields.
        throw timedOut ? new Error(`Subgraph ${subgraphName} did not answer within ${options.timeoutMs} ms`) : error;
      }
    }) as unknown as Fetcher;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const incoming = context as Partial<GatewayContext> | undefined;
    const headers = request.http?.headers;
    headers?.set(
      CLAIMS_HEADER,
      signForwardedClaims(this.options.keys, {
        audience: this.subgraphName,
        viewer: incoming?.viewer ?? null,
        clientAddress: incoming?.clientAddress,
        digest: requestDigest(request.query, request.variables),
      }),
    );
    if (incoming?.requestId) headers?.set('x-request-id', incoming.requestId);
    if (incoming?.traceparent) headers?.set('traceparent', incoming.traceparent);
  }
}
