// Service-to-service GraphQL calls: one subgraph asking another, with the caller's viewer in a claims
// header signed by the calling service, a timeout, and one clear error when the other side cannot answer.
import { CLAIMS_HEADER, requestDigest, signForwardedClaims, type ForwardedClaimsKey, type Viewer } from '@supergraph/auth';
import { ServiceUnavailable } from '@supergraph/errors';

export interface SubgraphClientOptions {
  /** The calling service (the claims' issuer). */
  issuer: string;
  /** The service called (the claims' audience). */
  audience: string;
  url: string;
  claimsKey: ForwardedClaimsKey;
  timeoutMs: number;
}

export interface SubgraphClient {
  /** Runs an operation; throws ServiceUnavailable when the service is down, slow or answers with errors. */
  request<Data>(query: string, variables: Record<string, unknown>, viewer: Viewer | null): Promise<Data>;
}

export function createSubgraphClient(options: SubgraphClientOptions): SubgraphClient {
  const unavailable = () => new ServiceUnavailable(`The ${options.audience} service is unavailable right now; nothing was changed. Try again.`);
  return {
    async request<Data>(query: string, variables: Record<string, unknown>, viewer: Viewer | null) {
      const claims = signForwardedClaims(options.claimsKey, {
        issuer: options.issuer,
        audience: options.audience,
        viewer,
        digest: requestDigest(query, variables),
      });
      let body: { data?: Data; errors?: unknown[] };
      try {
        const response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [CLAIMS_HEADER]: claims },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
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
