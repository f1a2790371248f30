// Relay connections over keyset pagination: validates `first`/`after`, encodes opaque cursors, and shapes
// a page of rows (fetched with one extra row to learn hasNextPage) into edges and pageInfo.
import { BadUserInput } from '@supergraph/errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** The values a row is sorted by, ending with its id, e.g. [createdAt ISO string, id]. */
export type CursorKey = readonly (string | number)[];

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface PageRequest {
  first: number;
  after: CursorKey | null;
}

export interface Connection<Node> {
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, keyLength: number): CursorKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === keyLength &&
      key.every((part) => typeof part === 'string' || (typeof part === 'number' && Number.isFinite(part)))
    ) {
      return key;
    }
  } catch {
    // fall through to the error below
  }
  throw new BadUserInput('after', 'Invalid cursor');
}

/** Validates page arguments at the edge; `keyLength` is how many values the list's cursors hold. */
export function parsePageArgs(args: PageArgs, keyLength: number): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadUserInput('first', `first must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  return { first, after: args.after ? decodeCursor(args.after, keyLength) : null };
}

/** `rows` holds up to first + 1 rows in order; the extra one only tells that another page exists. */
export function toConnection<Row, Node = Row>(
  rows: Row[],
  page: { first: number },
  totalCount: number,
  cursorKey: (row: Row) => CursorKey,
  toNode: (row: Row) => Node = (row) => row as unknown as Node,
): Connection<Node> {
  const visible = rows.slice(0, page.first);
  const edges = visible.map((row) => ({ cursor: encodeCursor(cursorKey(row)), node: toNode(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > page.first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/** The usual keyset: newest-last by creation time, ties broken by id. */
export interface CreatedAtKey {
  createdAt: Date;
  id: string;
}

export interface CreatedAtPageRequest {
  first: number;
  after: CreatedAtKey | null;
}

export function parseCreatedAtPage(args: PageArgs): CreatedAtPageRequest {
  const page = parsePageArgs(args, 2);
  if (!page.after) return { first: page.first, after: null };
  const [createdAt, id] = page.after;
  const at = new Date(String(createdAt));
  if (typeof id !== 'string' || Number.isNaN(at.getTime())) throw new BadUserInput('after', 'Invalid cursor');
  return { first: page.first, after: { createdAt: at, id } };
}

export const createdAtCursor = (row: CreatedAtKey): CursorKey => [row.createdAt.toISOString(), row.id];
