// Relay connections over keyset pagination: validates `first`/`after` (a cursor is checked against the exact
// shape of its list's key before any of it reaches SQL), encodes opaque cursors, and shapes a page of rows
// (fetched with one extra row to learn hasNextPage) into edges and pageInfo, with totalCount counted only when
// a client asks for it.
import { BadUserInput } from '@supergraph/errors';
import { id, z } from '@supergraph/validation';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Longer than any cursor this platform issues; anything longer is refused before it is decoded. */
export const MAX_CURSOR_LENGTH = 200;

/** The values a row is sorted by, ending with its id, e.g. [createdAt ISO string, id]. */
export type CursorKey = readonly (string | number)[];

/** What a list's cursors decode to: a zod tuple, so that a value of another type or an extra one is refused. */
export type CursorSchema<Key extends CursorKey> = z.ZodType<Key>;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface PageRequest<Key extends CursorKey = CursorKey> {
  first: number;
  after: Key | null;
}

export interface Connection<Node = unknown> {
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /**
   * Counts the matching rows when called (once per connection however many times it is asked): resolvers
   * (connectionResolvers) call it only when the operation selects totalCount, so an unselected count costs no SQL.
   */
  totalCount(): Promise<number>;
}

/** The resolver every connection type uses for totalCount (e.g. `AnimalConnection: connectionResolvers`). */
export const connectionResolvers = {
  totalCount: (connection: Connection) => connection.totalCount(),
};

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const invalidCursor = () => new BadUserInput('after', 'Invalid cursor');

/** Decodes a client's cursor into `schema`'s key, or throws BAD_USER_INPUT on `after`: never a partial key. */
export function decodeCursor<Key extends CursorKey>(cursor: string, schema: CursorSchema<Key>): Key {
  if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) throw invalidCursor();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const key = schema.safeParse(decoded);
  if (!key.success) throw invalidCursor();
  return key.data;
}

/** Validates page arguments at the edge; `schema` is the shape of the list's cursors. */
export function parsePageArgs<Key extends CursorKey>(args: PageArgs, schema: CursorSchema<Key>): PageRequest<Key> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadUserInput('first', `first must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  return { first, after: args.after ? decodeCursor(args.after, schema) : null };
}

/** Runs `count` at most once, and only if asked. */
function countOnce(count: () => Promise<number>): () => Promise<number> {
  let counted: Promise<number> | undefined;
  return () => (counted ??= count());
}

/**
 * An edge whose cursor is encoded when a resolver reads it: a page is usually asked for its nodes only, and
 * encoding a cursor for every edge of every page would be work nobody reads.
 */
class LazyEdge<Row, Node> {
  readonly node: Node;
  readonly #row: Row;
  readonly #cursorKey: (row: Row) => CursorKey;
  #cursor: string | undefined;
  constructor(row: Row, node: Node, cursorKey: (row: Row) => CursorKey) {
    this.#row = row;
    this.node = node;
    this.#cursorKey = cursorKey;
  }
  get cursor(): string {
    return (this.#cursor ??= encodeCursor(this.#cursorKey(this.#row)));
  }
}

/**
 * `rows` holds up to first + 1 rows in order; the extra one only tells that another page exists. `count`
 * runs only if totalCount is resolved; a cursor (an edge's, or pageInfo.endCursor) is encoded only when read.
 */
export function toConnection<Row, Node = Row>(
  rows: Row[],
  page: { first: number },
  count: () => Promise<number>,
  cursorKey: (row: Row) => CursorKey,
  toNode: (row: Row) => Node = (row) => row as unknown as Node,
): Connection<Node> {
  const visible = rows.length > page.first ? rows.slice(0, page.first) : rows;
  const edges = visible.map((row) => new LazyEdge(row, toNode(row), cursorKey));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.first,
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
    totalCount: countOnce(count),
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

/** [createdAt as ISO 8601 UTC with milliseconds, id as a UUID], exactly. */
export const createdAtCursorSchema = z.tuple([z.iso.datetime({ precision: 3 }), id()]);

export function parseCreatedAtPage(args: PageArgs): CreatedAtPageRequest {
  const page = parsePageArgs(args, createdAtCursorSchema);
  if (!page.after) return { first: page.first, after: null };
  const [createdAt, rowId] = page.after;
  return { first: page.first, after: { createdAt: new Date(createdAt), id: rowId } };
}

export const createdAtCursor = (row: CreatedAtKey): CursorKey => [row.createdAt.toISOString(), row.id];
