// The error codes of DESIGN.md as typed GraphQL errors; every service throws these and nothing else.
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes whose messages are written for clients and may pass through the gateway untouched. */
const PUBLIC_ERROR_CODES: ReadonlySet<string> = new Set(
  Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
);

export class Unauthenticated extends GraphQLError {
  constructor(message = 'Authentication required', httpStatus?: number) {
    super(message, {
      extensions: { code: ErrorCode.UNAUTHENTICATED, ...(httpStatus && { http: { status: httpStatus } }) },
    });
  }
}

export class Forbidden extends GraphQLError {
  constructor(message = 'You are not allowed to do this') {
    super(message, { extensions: { code: ErrorCode.FORBIDDEN } });
  }
}

export class BadUserInput extends GraphQLError {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
    this.field = field;
  }
}

export class NotFound extends GraphQLError {
  constructor(message = 'Not found') {
    super(message, { extensions: { code: ErrorCode.NOT_FOUND } });
  }
}

export class Conflict extends GraphQLError {
  constructor(message: string, field?: string) {
    super(message, { extensions: { code: ErrorCode.CONFLICT, ...(field && { field }) } });
  }
}

export class RateLimited extends GraphQLError {
  readonly retryAfter: number;
  constructor(retryAfterSeconds: number, message = 'Too many attempts; try again later') {
    const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
    super(message, { extensions: { code: ErrorCode.RATE_LIMITED, retryAfter } });
    this.retryAfter = retryAfter;
  }
}

/**
 * A service this one depends on did not answer, so nothing was changed. Its code is INTERNAL_SERVER_ERROR
 * (the client did nothing wrong), but its message is written for clients and is never masked.
 */
export class ServiceUnavailable extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, retryable: true } });
  }
}

/**
 * Errors whose message is safe to show a client: a public code, or a ServiceUnavailable — recognised by its
 * extensions, so the gateway knows one that a subgraph raised as well as the subgraph does.
 */
export function isPublicError(error: { extensions?: Record<string, unknown> } | null | undefined): boolean {
  const code = error?.extensions?.code;
  if (typeof code !== 'string') return false;
  return PUBLIC_ERROR_CODES.has(code) || (code === ErrorCode.INTERNAL_SERVER_ERROR && error?.extensions?.retryable === true);
}
