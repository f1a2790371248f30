// The error codes of DESIGN.md as typed GraphQL errors; every service throws these and nothing else.
import { GraphQLError, type ASTNode } from 'graphql';

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
  /** With `http`, the response itself is a 429 with a Retry-After header (a whole request refused). */
  constructor(
    retryAfterSeconds: number,
    message = 'Too many attempts; try again later',
    options: { http?: boolean } = {},
  ) {
    const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
    const extensions: Record<string, unknown> = { code: ErrorCode.RATE_LIMITED, retryAfter };
    // Apollo Server reads `http.headers` as a Map (graphql-yoga's typing of the same extension says a record).
    if (options.http) extensions.http = { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) };
    super(message, { extensions });
    this.retryAfter = retryAfter;
  }
}

/** An operation refused before execution (limits, the safelist's shape rules): HTTP 400. */
export class ValidationFailed extends GraphQLError {
  constructor(message: string, nodes?: ASTNode | readonly ASTNode[]) {
    super(message, {
      ...(nodes && { nodes }),
      extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, http: { status: 400 } },
    });
  }
}

export class PersistedQueryNotFound extends GraphQLError {
  constructor(message = 'PersistedQueryNotFound') {
    super(message, { extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_FOUND } });
  }
}

/**
 * A request GraphQL cannot read (a body that is not JSON, or too large): Apollo Server's own BAD_REQUEST code,
 * refused before any operation runs. HTTP 400 unless `httpStatus` says otherwise (413 for a body too large).
 */
export class BadRequest extends GraphQLError {
  constructor(message: string, httpStatus = 400) {
    super(message, { extensions: { code: 'BAD_REQUEST', http: { status: httpStatus } } });
  }
}

/**
 * A service this one depends on did not answer, so nothing was changed. Its code is INTERNAL_SERVER_ERROR
 * (the client did nothing wrong), but its message is written for clients and is never masked.
 */
export class ServiceUnavailable extends GraphQLError {
  /** `httpStatus` 503 when the whole request cannot be served (e.g. keys to verify it cannot be fetched). */
  constructor(message: string, httpStatus?: number) {
    super(message, {
      extensions: {
        code: ErrorCode.INTERNAL_SERVER_ERROR,
        retryable: true,
        ...(httpStatus && { http: { status: httpStatus } }),
      },
    });
  }
}

/**
 * Errors whose message is safe to show a client: a public code, or a ServiceUnavailable — recognised by its
 * extensions, so the gateway knows one that a subgraph raised as well as the subgraph does.
 */
export function isPublicError(error: { extensions?: Record<string, unknown> } | null | undefined): boolean {
  const code = error?.extensions?.code;
  if (typeof code !== 'string') return false;
  return (
    PUBLIC_ERROR_CODES.has(code) || (code === ErrorCode.INTERNAL_SERVER_ERROR && error?.extensions?.retryable === true)
  );
}

/** Apollo Server's own request errors: their messages describe the request, not the system. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);
/** The extensions a client may see; anything else (a subgraph's name, an HTTP body) stays inside. */
const SAFE_EXTENSIONS = ['code', 'field', 'retryAfter', 'retryable'];
const safeExtensions = (extensions: Record<string, unknown>) =>
  Object.fromEntries(SAFE_EXTENSIONS.filter((key) => key in extensions).map((key) => [key, extensions[key]]));

/**
 * A whole request refused before GraphQL runs, as the HTTP response to send: the error's `http.status` (400
 * when it has none) and a GraphQL-shaped body with its message and its safe extensions.
 */
export function httpErrorResponse(error: GraphQLError): {
  status: number;
  body: { errors: { message: string; extensions: Record<string, unknown> }[] };
} {
  const status = (error.extensions.http as { status?: number } | undefined)?.status ?? 400;
  return { status, body: { errors: [{ message: error.message, extensions: safeExtensions(error.extensions) }] } };
}

/** The part of a logger the formatter uses (pino's shape). */
export interface ErrorLogger {
  error(details: Record<string, unknown>, message: string): void;
}

interface FormattedError {
  message: string;
  locations?: readonly { line: number; column: number }[];
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

/** The error a resolver threw, unwrapped from the GraphQLErrors around it (graphql-js locates it, sometimes twice). */
export function thrownError(error: unknown): unknown {
  let inner = error;
  while (inner instanceof GraphQLError && inner.originalError) inner = inner.originalError;
  return inner;
}

/**
 * The one error formatter of the gateway and the subgraphs: a public error (a code of the contract, a
 * retryable ServiceUnavailable, or Apollo Server's own request errors) keeps its message and its safe
 * extensions; anything else is logged in full and reaches the client as INTERNAL_SERVER_ERROR, with its
 * message only outside production. Stack traces, when Apollo Server adds them, only outside production.
 */
export function createErrorFormatter(logger: ErrorLogger, production: boolean) {
  return <Formatted extends FormattedError>(formatted: Formatted, error: unknown): FormattedError => {
    const extensions = formatted.extensions ?? {};
    const code = typeof extensions.code === 'string' ? extensions.code : undefined;
    const stacktrace = !production && extensions.stacktrace ? { stacktrace: extensions.stacktrace } : {};
    if (isPublicError(formatted) || (code !== undefined && REQUEST_ERROR_CODES.has(code))) {
      return {
        message: formatted.message,
        ...(formatted.locations && { locations: formatted.locations }),
        ...(formatted.path && { path: formatted.path }),
        extensions: { ...safeExtensions(extensions), ...stacktrace },
      };
    }
    logger.error(
      { err: thrownError(error), path: formatted.path, serviceName: extensions.serviceName },
      'masked an unexpected error',
    );
    return {
      message: production ? 'Internal server error' : formatted.message,
      ...(formatted.path && { path: formatted.path }),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...stacktrace },
    };
  };
}
