// Per-request DataLoaders: every User looked up by id in one request costs one SQL statement.
import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { Database, UserRow } from './db/schema';
import { findUsersByIds } from './db/users';

export interface Loaders {
  userById: DataLoader<string, UserRow | null>;
}

export function createLoaders(db: Kysely<Database>): Loaders {
  return {
    userById: new DataLoader(async (ids) => {
      const rows = await findUsersByIds(db, ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
