// What clients must not see. Every error passes the one formatter of @supergraph/errors (an allow-list of
// codes; anything else is logged and masked); production adds no introspection, no stack traces, and no schema
// hints: "Did you mean …?" is removed outright (not replaced by a placeholder, whose presence would tell a prober
// that a near match exists), so a wrong name gets the same message either way. (No landing page: explorer.ts.)
import { GraphQLError } from 'graphql';
import { createErrorFormatter, type ErrorLogger } from '@supergraph/errors';
import type { GatewayFeature } from './feature';

/**
 * graphql-js's hints (`Did you mean "users"?`, `Did you mean the enum value "ADMIN"?`) and graphql-armor's
 * `[Suggestion hidden]` placeholder, with the space before them. Suggested names never contain "?".
 */
const SUGGESTION = /\s*(?:Did you mean [^?]*\?|\[Suggestion hidden\]\??)/g;

/** A message with no hint of which names exist. */
export const withoutSuggestions = (message: string): string => message.replace(SUGGESTION, '');

/**
 * Apollo Server's own refusals of a request (an unsupported persisted-query version, a hash that does not
 * match its query) carry an HTTP 4xx status but no code, which would read as an internal error (found by
 * fuzzing): they are the client's mistake, BAD_REQUEST with Apollo Server's message.
 */
function isRequestRefusal(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return false;
  const { code, http } = error.extensions as { code?: unknown; http?: { status?: unknown } };
  const status = http?.status;
  return (
    (code === undefined || code === 'INTERNAL_SERVER_ERROR') &&
    typeof status === 'number' &&
    status >= 400 &&
    status < 500
  );
}

export function masking(logger: ErrorLogger, production: boolean): GatewayFeature {
  const masked = createErrorFormatter(logger, production);
  const format: typeof masked = (formatted, error) =>
    isRequestRefusal(error)
      ? { message: formatted.message, extensions: { code: 'BAD_REQUEST' } }
      : masked(formatted, error);
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
  };
}
