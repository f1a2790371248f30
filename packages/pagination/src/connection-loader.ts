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
  /** Up to `limit` rows per parent, after `after` in (createdAt, id) order, in one statement. */
  fetchPages(
    parentIds: readonly string[],
    page: { limit: number; after: CreatedAtKey | null },
    filter: Filter,
  ): Promise<Row[]>;
  /** The number of rows per parent matching `filter`, in one statement (absent parents have none). */
  fetchCounts(parentIds: readonly string[], filter: Filter): Promise<Map<string, number>>;
}

interface Request<Filter> {
  parentId: string;
  page: CreatedAtPageRequest;
  filter: Filter;
}

export interface ConnectionLoader<Row, Filter> {
  load(parentId: string, args: PageArgs, filter: Filter): Promise<Connection<Row>>;
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
        const rows = await source.fetchPages(
          [...new Set(group.map((request) => request.parentId))],
          { limit: page.first + 1, after: page.after },
          filter,
        );
        const byParent = groupBy(rows, (row) => row.parentId);
        for (const request of group)
          results.set(JSON.stringify([request.parentId, groupKey(page, filter)]), byParent.get(request.parentId) ?? []);
      }
      return requests.map((request) =>
        results.get(JSON.stringify([request.parentId, groupKey(request.page, request.filter)]))!,
      );
    },
    { cacheKeyFn: (request) => JSON.stringify([request.parentId, groupKey(request.page, request.filter)]) },
  );

  return {
    async load(parentId, args, filter) {
      const page = parseCreatedAtPage(args);
      const rows = page.first === 0 ? [] : await pages.load({ parentId, page, filter });
      // Resolved (and batched across parents) only where the operation selects totalCount.
      return toConnection(rows, page, () => counts.load({ parentId, filter }), createdAtCursor);
    },
    count(parentId, filter) {
      return counts.load({ parentId, filter });
    },
  };
}
