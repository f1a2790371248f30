// What clients must not see. Every error passes the one formatter of @supergraph/errors (an allow-list of
// codes; anything else is logged and masked); production adds no introspection, no landing page and no stack
// traces.
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { createErrorFormatter, type ErrorLogger } from '@supergraph/errors';
import type { GatewayFeature } from './feature';

export function masking(logger: ErrorLogger, production: boolean): GatewayFeature {
  return {
    name: 'masking',
    apolloConfig: {
      formatError: createErrorFormatter(logger, production),
      includeStacktraceInErrorResponses: !production,
      introspection: !production,
    },
    plugins: production ? [ApolloServerPluginLandingPageDisabled()] : [],
  };
}
