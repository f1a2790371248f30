// Table types of the animal database, written by hand and kept in step with src/db/migrations.
import type { ColumnType, Generated, Selectable } from 'kysely';

export interface AnimalsTable {
  id: Generated<string>;
  name: string;
  species: string;
  /** YYYY-MM-DD (the pg `date` parser keeps it a string). */
  birthDate: string | null;
  ownerId: string;
  zooId: string | null;
  photoUrl: string | null;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, never, Date>;
}

/** Zoos whose ZooDeleted was applied: no animal may go into them again. */
export interface DeletedZoosTable {
  zooId: string;
  deletedAt: ColumnType<Date, never, never>;
}

export interface Database {
  animals: AnimalsTable;
  deletedZoos: DeletedZoosTable;
}

export type AnimalRow = Selectable<AnimalsTable>;
