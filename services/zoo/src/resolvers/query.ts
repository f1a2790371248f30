import { createdAtCursor, parseCreatedAtPage, toConnection, type PageArgs } from '@supergraph/pagination';
import type { ZooContext } from '../context';
import { countZoos, findZoosPage } from '../db/zoos';
import { parseZooFilter } from '../inputs';

export const Query = {
  zoo(_root: unknown, { id }: { id: string }, context: ZooContext) {
    return context.loaders.zooById.load(id);
  },
  async zoos(_root: unknown, args: PageArgs & { filter?: Record<string, unknown> | null }, { db }: ZooContext) {
    const page = parseCreatedAtPage(args);
    const filter = parseZooFilter(args.filter);
    const rows = await findZoosPage(db, filter, { limit: page.first + 1, after: page.after });
    return toConnection(rows, page, () => countZoos(db, filter), createdAtCursor);
  },
};
