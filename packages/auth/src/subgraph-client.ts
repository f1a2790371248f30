// Service-to-service GraphQL calls: one subgraph asking another one of the operations declared for that pair
// (service-operations.ts), with the caller's viewer in a claims header signed with the calling service's own
// key, a timeout, and one clear error when the other side cannot answer.
import { ServiceUnavailable } from '@supergraph/errors';
import { CLAIMS_HEADER, requestDigest, signForwardedClaims, type ServiceKeys } from './forwarded-claims';
import type { ServiceOperation } from './service-operations';
import type { Viewer } from './viewer';

export interface SubgraphClientOptions {
  /** The calling service's keys (its name is the claims' issuer). */
  keys: ServiceKeys;
  /** The service called (the claims' audience). */
  audience: string;
  url: string;
  timeoutMs: number;
  /**
   * Wraps each call (a traced process passes @supergraph/observability's withClientSpan: the call becomes a span
   * and `headers` get its `traceparent`, so the service called continues the trace).
   */
  traceCall?: <Response extends { status: number }>(
    url: string,
    headers: Record<string, string>,
    call: () => Promise<Response>,
  ) => Promise<Response>;
}

export interface SubgraphClient {
  /**
   * Runs a declared operation with the variables its generated type names; throws ServiceUnavailable when the
   * service is down, slow or answers with errors.
   */
  request<Data, Variables>(
    operation: ServiceOperation<Data, Variables>,
    variables: NoInfer<Variables>,
    viewer: Viewer | null,
  ): Promise<Data>;
}

export function createSubgraphClient(options: SubgraphClientOptions): SubgraphClient {
  const unavailable = () =>
    new ServiceUnavailable(`The ${options.audience} service is unavailable right now; nothing was changed. Try again.`);
  return {
    async request<Data, Variables>(
      operation: ServiceOperation<Data, Variables>,
      variables: NoInfer<Variables>,
      viewer: Viewer | null,
    ) {
      if (operation.caller !== options.keys.issuer || operation.callee !== options.audience) {
        throw new Error(
          `${options.keys.issuer} may not send an operation declared for ${operation.caller} → ${operation.callee}`,
        );
      }
      const query = operation.document;
      const claims = signForwardedClaims(options.keys, {
        audience: options.audience,
        viewer,
        digest: requestDigest(query, variables),
      });
      let body: { data?: Data; errors?: unknown[] };
      try {
        const headers: Record<string, string> = { 'content-type': 'application/json', [CLAIMS_HEADER]: claims };
        const call = () =>
          fetch(options.url, {
            method: 'POST',
            headers,
            body: JSON.stringify({ query, variables }),
            signal: AbortSignal.timeout(options.timeoutMs),
          });
        const response = await (options.traceCall ? options.traceCall(options.url, headers, call) : call());
        if (!response.ok) throw unavailable();
        body = (await response.json()) as typeof body;
      } catch (error) {
        if (error instanceof ServiceUnavailable) throw error;
        throw unavailable();
      }
      if (body.errors?.length || !body.data) throw unavailable();
      return body.data;
    },
  };
}
