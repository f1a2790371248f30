// Per-request DataLoaders: animals by id, Zoo.animals, Zoo.animalCount and User.animals, each a fixed
// number of SQL statements per request whatever the number of zoos or users.
import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { createConnectionLoader, type ConnectionLoader } from '@supergraph/pagination';
import { countAnimalsByParent, findAnimalsByIds, findAnimalsPageByParent, type AnimalColumn } from './db/animals';
import type { AnimalRow, Database } from './db/schema';

export interface SpeciesFilter {
  species?: string;
}

export interface Loaders {
  animalById: DataLoader<string, AnimalRow | null>;
  animalsByZoo: ConnectionLoader<AnimalRow, SpeciesFilter>;
  animalsByOwner: ConnectionLoader<AnimalRow, SpeciesFilter>;
}

export function createLoaders(db: Kysely<Database>): Loaders {
  const byParent = (parent: 'zooId' | 'ownerId') =>
    createConnectionLoader<AnimalRow & { parentId: string }, SpeciesFilter>({
      fetchPages: (ids, page, filter, columns) =>
        findAnimalsPageByParent(db, parent, ids, filter, page, columns as AnimalColumn[] | null),
      fetchCounts: (ids, filter) => countAnimalsByParent(db, parent, ids, filter),
    });
  return {
    animalById: new DataLoader(async (ids) => {
      const byId = new Map((await findAnimalsByIds(db, ids)).map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    animalsByZoo: byParent('zooId'),
    animalsByOwner: byParent('ownerId'),
  };
}
