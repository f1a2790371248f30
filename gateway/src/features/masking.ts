// What clients must not see. Every error passes the one formatter of @supergraph/errors (an allow-list of
// codes; anything else is logged and masked); production adds no introspection, no landing page, no stack
// traces, and no schema hints: "Did you mean …?" is removed outright (not replaced by a placeholder, whose
// presence would tell a prober that a near match exists), so a wrong name gets the same message either way.
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { createErrorFormatter, type ErrorLogger } from '@supergraph/errors';
import type { GatewayFeature } from './feature';

/**
 * graphql-js's hints (`Did you mean "users"?`, `Did you mean the enum value "ADMIN"?`) and graphql-armor's
 * `[Suggestion hidden]` placeholder, with the space before them. Suggested names never contain "?".
 */
const SUGGESTION = /\s*(?:Did you mean [^?]*\?|\[Suggestion hidden\]\??)/g;

/** A message with no hint of which names exist. */
export const withoutSuggestions = (message: string): string => message.replace(SUGGESTION, '');

export function masking(logger: ErrorLogger, production: boolean): GatewayFeature {
  const format = createErrorFormatter(logger, production);
  return {
    name: 'masking',
    apolloConfig: {
      formatError: production
        ? (formatted, error) => {
            const masked = format(formatted, error);
            return { ...masked, message: withoutSuggestions(masked.message) };
          }
        : format,
      includeStacktraceInErrorResponses: !production,
      introspection: !production,
    },
    plugins: production ? [ApolloServerPluginLandingPageDisabled()] : [],
  };
}
