// How a subgraph reports errors: known codes pass through with their messages; anything else is logged
// in full and, in production, reaches the client only as a bare INTERNAL_SERVER_ERROR.
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, isPublicError } from '@supergraph/errors';
import type { Logger } from './logger';

export function createErrorFormatter(logger: Logger, production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (isPublicError(formatted)) return formatted;
    logger.error({ err: unwrapResolverError(error), path: formatted.path }, 'unexpected error while resolving');
    if (!production) return formatted;
    return {
      message: 'Internal server error',
      ...(formatted.path && { path: formatted.path }),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
