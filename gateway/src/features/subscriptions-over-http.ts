// A subscription sent as a plain POST (or GET) cannot stream its events: it is a 400 that names the endpoints
// that can (Apollo Gateway would otherwise fail it with a 500).
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
