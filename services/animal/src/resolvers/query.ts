import { createdAtCursor, parseCreatedAtPage, toConnection, type PageArgs } from '@supergraph/pagination';
import type { AnimalContext } from '../context';
import { countAnimals, findAnimalsPage } from '../db/animals';
import { parseAnimalFilter } from '../inputs';

export const Query = {
  animal(_root: unknown, { id }: { id: string }, context: AnimalContext) {
    return context.loaders.animalById.load(id);
  },
  async animals(_root: unknown, args: PageArgs & { filter?: Record<string, unknown> | null }, { db }: AnimalContext) {
    const page = parseCreatedAtPage(args);
    const filter = parseAnimalFilter(args.filter);
    const rows = await findAnimalsPage(db, filter, { limit: page.first + 1, after: page.after });
    return toConnection(rows, page, () => countAnimals(db, filter), createdAtCursor);
  },
};
