// A subscription sent as a plain POST (or GET) cannot stream its events: it is a 400 that names the endpoints
// that can (Apollo Gateway would otherwise fail it with a 500).
import { Kind, parse, type GraphQLError } from 'graphql';
import { BadRequest } from '@supergraph/errors';
import type { GatewayFeature } from './feature';

export const SUBSCRIPTION_ENDPOINTS =
  'Subscriptions are served over WebSocket (graphql-transport-ws protocol) at /graphql and over server-sent ' +
  'events (graphql-sse protocol, Accept: text/event-stream) at /graphql/stream, not as a plain HTTP request';

export function subscriptionsOverHttpRefused(): GatewayFeature {
  return {
    name: 'subscriptions-over-http-refused',
    plugins: [
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ operation }) {
              if (operation?.operation === 'subscription') throw new BadRequest(SUBSCRIPTION_ENDPOINTS);
            },
          };
        },
      },
    ],
  };
}

/**
 * For the HTTP endpoint only, once the source checks (the token limit) have passed: a document holding any
 * subscription operation is refused before Apollo Server validates it. graphql-js 16's validation of a
 * subscription evaluates its @include/@skip arguments before checking their types, and throws (a 500) on
 * `@include(if: "yes")`; the subscription endpoints validate their own way (subscription-checks.ts).
 */
export function subscriptionOverHttp(query: string): GraphQLError | undefined {
  if (!query.includes('subscription')) return undefined;
  try {
    const document = parse(query, { noLocation: true });
    const subscribes = document.definitions.some(
      (definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'subscription',
    );
    return subscribes ? new BadRequest(SUBSCRIPTION_ENDPOINTS) : undefined;
  } catch {
    return undefined; // a syntax error: Apollo Server reports it
  }
}
