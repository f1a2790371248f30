// Sends each subgraph fetch with the caller's verified claims, signed for that subgraph and that operation.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CLAIMS_HEADER, requestDigest, signForwardedClaims, type ForwardedClaimsKey } from '@supergraph/auth';
import type { GatewayContext } from './context';

export class ClaimsForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraphName: string,
    url: string,
    private readonly claimsKey: ForwardedClaimsKey,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const viewer = (context as Partial<GatewayContext> | undefined)?.viewer ?? null;
    request.http?.headers.set(
      CLAIMS_HEADER,
      signForwardedClaims(this.claimsKey, {
        issuer: 'gateway',
        audience: this.subgraphName,
        viewer,
        digest: requestDigest(request.query, request.variables),
      }),
    );
    const requestId = (context as Partial<GatewayContext> | undefined)?.requestId;
    if (requestId) request.http?.headers.set('x-request-id', requestId);
  }
}
