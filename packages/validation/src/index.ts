// Validates GraphQL input at the edge with zod: a bad field becomes BAD_USER_INPUT naming the field, and
// what passes is a typed value that inner code can trust.
import { z } from 'zod';
import { BadUserInput } from '@supergraph/errors';

export { z };

/** Parses `value`; the first problem becomes BAD_USER_INPUT with `field` as the dotted path (under `prefix`). */
export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown, prefix?: string): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  throw new BadUserInput(path || 'input', issue.message);
}

/** GraphQL sends explicit nulls for omitted optional fields; for "leave unchanged" inputs, drop them. */
export function withoutNulls<Input extends Record<string, unknown>>(
  input: Input,
  keep: readonly string[] = [],
): Partial<Input> {
  return Object.fromEntries(
    Object.entries(input).filter(([key, value]) => value !== undefined && (value !== null || keep.includes(key))),
  ) as Partial<Input>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id this platform issued (UUID). */
export const id = (what = 'id') => z.string().regex(UUID, `Not a valid ${what}`);

/** A trimmed single-line name of `min`..`max` characters. */
export const name = (what: string, max = 100) =>
  z
    .string()
    .trim()
    .min(1, `${what} must be 1 to ${max} characters`)
    .max(max, `${what} must be 1 to ${max} characters`)
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), `${what} must be a single line of text`);

/** Plain text up to `max` characters: no markup, no control characters other than newlines and tabs. */
export const plainText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${what} must be at most ${max} characters`)
    .refine((value) => !/<\/?[a-z!][^>]*>/i.test(value), `${what} must be plain text, without HTML`)
    .refine(
      // eslint-disable-next-line no-control-regex -- control characters (but tab and newlines) are what this refuses
      (value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value),
      `${what} contains control characters`,
    );

/** Shorter search text cannot use a trigram index (pg_trgm needs 3 characters), so it would scan every row. */
export const MIN_SEARCH_LENGTH = 3;

/**
 * A substring search such as `nameContains`: trimmed, `MIN_SEARCH_LENGTH`..`max` characters. Empty (or only
 * spaces) means no search at all and parses as undefined.
 */
export const searchText = (field: string, max = 100) =>
  z
    .string()
    .trim()
    .max(max, `${field} is at most ${max} characters`)
    .refine(
      (value) => value.length === 0 || value.length >= MIN_SEARCH_LENGTH,
      `${field} must be at least ${MIN_SEARCH_LENGTH} characters`,
    )
    .transform((value) => value || undefined);
