// Table types of the zoo database, written by hand and kept in step with src/db/migrations.
import type { ColumnType, Generated, Selectable } from 'kysely';

export interface ZoosTable {
  id: Generated<string>;
  name: string;
  description: string | null;
  ownerId: string;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, never, Date>;
}

export interface Database {
  zoos: ZoosTable;
}

export type ZooRow = Selectable<ZoosTable>;
