// What a client may see of an error: known codes pass with their message and a few safe extensions;
// anything else (a subgraph's SQL error, a stack trace, a timeout) becomes a bare INTERNAL_SERVER_ERROR.
// Nothing that names a subgraph, its URL or its response body gets through.
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, isPublicError } from '@supergraph/errors';
import type { Logger } from '@supergraph/subgraph';

/** Apollo Server's own request errors: their messages describe the request, not the system. */
const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_SUPPORTED']);
const SAFE_EXTENSIONS = ['code', 'field', 'retryAfter', 'retryable'];

export function createGatewayErrorFormatter(logger: Logger, production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const extensions = formatted.extensions ?? {};
    const code = typeof extensions.code === 'string' ? extensions.code : undefined;
    const known = isPublicError(formatted) || (code !== undefined && REQUEST_ERROR_CODES.has(code));
    if (known) {
      const safe = Object.fromEntries(SAFE_EXTENSIONS.filter((key) => key in extensions).map((key) => [key, extensions[key]]));
      return {
        message: formatted.message,
        ...(formatted.locations && { locations: formatted.locations }),
        ...(formatted.path && { path: formatted.path }),
        extensions: production ? safe : { ...safe, ...(extensions.stacktrace ? { stacktrace: extensions.stacktrace } : {}) },
      };
    }
    logger.error({ err: unwrapResolverError(error), path: formatted.path, serviceName: extensions.serviceName }, 'masked an unexpected error');
    return {
      message: production ? 'Internal server error' : formatted.message,
      ...(formatted.path && { path: formatted.path }),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
