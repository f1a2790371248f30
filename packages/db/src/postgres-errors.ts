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
