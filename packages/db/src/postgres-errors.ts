// Recognises Postgres errors that callers turn into client-facing ones.
interface PostgresError {
  code?: string;
  constraint?: string;
}

/** A unique_violation (23505), optionally on one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = error as PostgresError | null;
  return pgError?.code === '23505' && (constraint === undefined || pgError.constraint === constraint);
}

/**
 * A statement Postgres cancelled because it ran past `statement_timeout` (57014 query_canceled; a cancel
 * asked for by someone is the same code with another message).
 */
export function isStatementTimeout(error: unknown): boolean {
  const pgError = error as (PostgresError & { message?: string }) | null;
  return pgError?.code === '57014' && /statement timeout/i.test(pgError.message ?? '');
}
