// What a subgraph checks once a signed request is inside Apollo Server: that the operation it is about to
// execute (after Apollo Server has resolved its text and variables, whatever the transport) is the one the
// claims were signed for, and that `_service` and `_entities` run only for the gateway, checked in their
// resolvers so that no fragment or alias can reach them another way.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { checkOperationBinding, type VerifiedClaims } from '@supergraph/auth';
import { Forbidden } from '@supergraph/errors';

/** Where the server keeps a request's verified claims on its context. */
export const VERIFIED_CLAIMS = Symbol('verifiedClaims');

export function claimsBindTheOperation<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ source, request, contextValue }) {
          const claims = (contextValue as { [VERIFIED_CLAIMS]?: VerifiedClaims })[VERIFIED_CLAIMS];
          if (!claims) throw new Forbidden('No verified claims for this request');
          checkOperationBinding(claims, source, request.variables);
        },
      };
    },
  };
}

const INTERNAL_FIELDS = ['_service', '_entities'];

export function gatewayOnlyInternalFields(schema: GraphQLSchema): GraphQLSchema {
  const fields = schema.getQueryType()?.getFields() ?? {};
  for (const name of INTERNAL_FIELDS) {
    const field = fields[name];
    if (!field) continue;
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context: { claimsIssuer?: string }, info) => {
      if (context.claimsIssuer !== 'gateway') throw new Forbidden('_service and _entities are only for the gateway');
      return resolve(source, args, context, info);
    };
  }
  return schema;
}
