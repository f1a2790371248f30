// Batches a list field that hangs off many parents (User.zoos, Zoo.animals, …) into a fixed number of SQL
// statements: one page query per distinct (page, filter) and, when totalCount is selected, one count query per
// distinct filter, whatever the parent count.
import DataLoader from 'dataloader';
import {
  createdAtCursor,
  parseCreatedAtPage,
  toConnection,
  type Connection,
  type CreatedAtKey,
  type CreatedAtPageRequest,
  type PageArgs,
} from './connections';

export interface ChildRow extends CreatedAtKey {
  /** The parent the row belongs to (e.g. the zoo id of an animal). */
  parentId: string;
}

export interface ConnectionSource<Row extends ChildRow, Filter> {
  /**
   * Up to `limit` rows per parent, after `after` in (createdAt, id) order, in one statement, each with its
   * parentId and at least `columns` (every column when null).
   */
  fetchPages(
    parentIds: readonly string[],
    page: { limit: number; after: CreatedAtKey | null },
    filter: Filter,
    columns: readonly string[] | null,
  ): Promise<Row[]>;
  /** The number of rows per parent matching `filter`, in one statement (absent parents have none). */
  fetchCounts(parentIds: readonly string[], filter: Filter): Promise<Map<string, number>>;
}

interface Request<Filter> {
  parentId: string;
  page: CreatedAtPageRequest;
  filter: Filter;
  columns: readonly string[] | null;
}

export interface ConnectionLoader<Row, Filter> {
  /**
   * `columns` (from a columnSelector; null or absent: every column) are the columns the page's rows must hold:
   * a row holds only them (and parentId), so a resolver of its nodes reads nothing else.
   */
  load(parentId: string, args: PageArgs, filter: Filter, columns?: readonly string[] | null): Promise<Connection<Row>>;
  /** Just the count, sharing the batch with other counts of the same filter. */
  count(parentId: string, filter: Filter): Promise<number>;
}

const groupKey = (page: CreatedAtPageRequest | null, filter: unknown) =>
  JSON.stringify([page?.first, page?.after, filter]);

function groupBy<Item>(items: readonly Item[], keyOf: (item: Item) => string): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

const pageKey = (request: Request<unknown>) =>
  JSON.stringify([request.parentId, groupKey(request.page, request.filter), request.columns]);

/** Per request: create one with the request's loaders. */
export function createConnectionLoader<Row extends ChildRow, Filter>(
  source: ConnectionSource<Row, Filter>,
): ConnectionLoader<Row, Filter> {
  const counts = new DataLoader<{ parentId: string; filter: Filter }, number, string>(
    async (requests) => {
      const results = new Map<string, number>();
      for (const group of groupBy(requests, (request) => groupKey(null, request.filter)).values()) {
        const byParent = await source.fetchCounts(
          [...new Set(group.map((request) => request.parentId))],
          group[0]!.filter,
        );
        for (const request of group)
          results.set(JSON.stringify([request.parentId, request.filter]), byParent.get(request.parentId) ?? 0);
      }
      return requests.map((request) => results.get(JSON.stringify([request.parentId, request.filter]))!);
    },
    { cacheKeyFn: (request) => JSON.stringify([request.parentId, request.filter]) },
  );

  const pages = new DataLoader<Request<Filter>, Row[], string>(
    async (requests) => {
      const results = new Map<string, Row[]>();
      for (const group of groupBy(requests, (request) => groupKey(request.page, request.filter)).values()) {
        const { page, filter } = group[0]!;
        // One statement for the group however its selections differ: it reads what any of them needs.
        const columns = group.some((request) => request.columns === null)
          ? null
          : [...new Set(group.flatMap((request) => request.columns!))].sort();
        const rows = await source.fetchPages(
          [...new Set(group.map((request) => request.parentId))],
          { limit: page.first + 1, after: page.after },
          filter,
          columns,
        );
        const byParent = groupBy(rows, (row) => row.parentId);
        for (const request of group) results.set(pageKey(request), byParent.get(request.parentId) ?? []);
      }
      return requests.map((request) => results.get(pageKey(request))!);
    },
    // The columns are part of the cached key: rows read for one selection never answer a wider one later.
    { cacheKeyFn: (request) => pageKey(request) },
  );

  return {
    async load(parentId, args, filter, columns = null) {
      const page = parseCreatedAtPage(args);
      const rows = page.first === 0 ? [] : await pages.load({ parentId, page, filter, columns });
      // Resolved (and batched across parents) only where the operation selects totalCount.
      return toConnection(rows, page, () => counts.load({ parentId, filter }), createdAtCursor);
    },
    count(parentId, filter) {
      return counts.load({ parentId, filter });
    },
  };
}
