// A statement that Postgres cancelled at its statement_timeout is the service being slow, not a bug: the client
// gets a retryable INTERNAL_SERVER_ERROR written for it (ServiceUnavailable, never masked), and the operator
// one warning line without a stack, instead of the masked error and error-level log of an unexpected failure.
import type { GraphQLFormattedError } from 'graphql';
import { isStatementTimeout } from '@supergraph/db';
import { ServiceUnavailable, thrownError } from '@supergraph/errors';
import type { Logger } from '@supergraph/runtime';

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

const STATEMENT_TIMEOUT_MESSAGE = 'The database took too long to answer; try again later';

/** Wraps the server's error formatter: statement timeouts become ServiceUnavailable before it sees them. */
export function reportStatementTimeouts(format: FormatError, logger: Logger): FormatError {
  return (formatted, error) => {
    if (!isStatementTimeout(thrownError(error))) return format(formatted, error);
    logger.warn({ path: formatted.path }, 'a statement ran past statement_timeout and was cancelled');
    const unavailable = new ServiceUnavailable(STATEMENT_TIMEOUT_MESSAGE);
    return format(
      {
        message: unavailable.message,
        ...(formatted.locations && { locations: formatted.locations }),
        ...(formatted.path && { path: formatted.path }),
        extensions: unavailable.extensions,
      },
      unavailable,
    );
  };
}
