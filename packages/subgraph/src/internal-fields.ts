// `_service` (the SDL) and `_entities` (any entity by key) are for the gateway: a request that selects
// either without valid claims from a trusted service is refused, so a subgraph reached directly cannot be
// introspected or scraped entity by entity.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';
import { ErrorCode } from '@supergraph/errors';
import type { RequestInfo } from './server';

const INTERNAL_ROOT_FIELDS = new Set(['_service', '_entities']);

export function internalFieldsNeedClaims<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if ((contextValue as Partial<RequestInfo>).claimsIssuer) return;
          const asksInternal = operation?.selectionSet.selections.some(
            (selection) => selection.kind === Kind.FIELD && INTERNAL_ROOT_FIELDS.has(selection.name.value),
          );
          if (asksInternal) {
            throw new GraphQLError('_service and _entities are only for the gateway', {
              extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}
