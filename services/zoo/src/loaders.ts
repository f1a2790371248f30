// Per-request DataLoaders: zoos by id and User.zoos, each a fixed number of statements per request.
import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { createConnectionLoader, type ConnectionLoader } from '@supergraph/pagination';
import type { Database, ZooRow } from './db/schema';
import { countZoosByOwnerIds, findZoosByIds, findZoosPageByOwnerIds, type ZooColumn } from './db/zoos';

export interface Loaders {
  zooById: DataLoader<string, ZooRow | null>;
  zoosByOwner: ConnectionLoader<ZooRow, null>;
}

export function createLoaders(db: Kysely<Database>): Loaders {
  return {
    zooById: new DataLoader(async (ids) => {
      const byId = new Map((await findZoosByIds(db, ids)).map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    zoosByOwner: createConnectionLoader({
      fetchPages: (ownerIds, page, _filter, columns) =>
        findZoosPageByOwnerIds(db, ownerIds, page, columns as ZooColumn[] | null),
      fetchCounts: (ownerIds) => countZoosByOwnerIds(db, ownerIds),
    }),
  };
}
