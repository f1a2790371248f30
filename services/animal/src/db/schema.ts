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
  /** The https URL typed in with createAnimal/updateAnimal (the deprecated photoUrl shows it when no photo was uploaded). */
  photoUrl: string | null;
  /** The uploaded photo: all five set, or none (a check constraint). Keys are the photo store's. */
  photoKey: string | null;
  photoThumbnailKey: string | null;
  photoWidth: number | null;
  photoHeight: number | null;
  photoContentType: string | null;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, never, Date>;
}

/** Zoos whose ZooDeleted was applied: no animal may go into them again. */
export interface DeletedZoosTable {
  zooId: string;
  deletedAt: ColumnType<Date, never, never>;
}

/** A signed, single-use grant to upload one photo of one animal (requestAnimalPhotoUpload). */
export interface PhotoUploadsTable {
  id: Generated<string>;
  animalId: string;
  requestedBy: string;
  contentType: string;
  maxBytes: number;
  expiresAt: Date;
  /** Set once, by the request that uses the grant. */
  usedAt: Date | null;
  createdAt: ColumnType<Date, never, never>;
}

/** Files to delete from the photo store once `deleteAfter` has passed (filled by a trigger on animals). */
export interface PhotoFilesToDeleteTable {
  key: string;
  deleteAfter: ColumnType<Date, Date | undefined, Date>;
}

export interface Database {
  animals: AnimalsTable;
  deletedZoos: DeletedZoosTable;
  photoUploads: PhotoUploadsTable;
  photoFilesToDelete: PhotoFilesToDeleteTable;
}

export type AnimalRow = Selectable<AnimalsTable>;
export type PhotoUploadRow = Selectable<PhotoUploadsTable>;
