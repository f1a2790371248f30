// The one error embedded Postgres start-up throws: a paragraph that says what failed, why, and what to do,
// which a launcher prints as it is (no stack trace needed to act on it).
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

/** One line of an error's own words, to quote inside such a paragraph. */
export function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
}
