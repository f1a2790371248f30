// Queries over the photo tables: upload grants, an animal's photo columns, and the files waiting to be deleted
// from the photo store (a trigger on animals enqueues a photo's files whenever a row stops referring to them).
import { sql, type Kysely } from 'kysely';
import { isUuid } from '@supergraph/db';
import type { AnimalRow, Database, PhotoUploadRow } from './schema';

type Db = Kysely<Database>;

export interface NewPhotoUpload {
  animalId: string;
  requestedBy: string;
  contentType: string;
  maxBytes: number;
  expiresAt: Date;
}

export async function insertPhotoUpload(db: Db, upload: NewPhotoUpload): Promise<PhotoUploadRow> {
  return db.insertInto('photoUploads').values(upload).returningAll().executeTakeFirstOrThrow();
}

export async function findPhotoUpload(db: Db, id: string): Promise<PhotoUploadRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('photoUploads').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Uses the grant, once: of two requests racing with the same URL exactly one gets the row back; an expired or
 * used grant gives undefined.
 */
export async function claimPhotoUpload(db: Db, id: string, now: Date): Promise<PhotoUploadRow | undefined> {
  return db
    .updateTable('photoUploads')
    .set({ usedAt: now })
    .where('id', '=', id)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .returningAll()
    .executeTakeFirst();
}

/** Grants that expired before `before` (used or not): nobody can use them any more. */
export async function deleteExpiredPhotoUploads(db: Db, before: Date): Promise<number> {
  const result = await db.deleteFrom('photoUploads').where('expiresAt', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface StoredPhoto {
  key: string;
  thumbnailKey: string;
  width: number;
  height: number;
  contentType: string;
}

/**
 * Files about to be written: listed for deletion `seconds` from now, in case the process dies before
 * setAnimalPhoto releases them (then the sweeper removes them).
 */
export async function reservePhotoFiles(db: Db, keys: readonly string[], seconds: number): Promise<void> {
  await db
    .insertInto('photoFilesToDelete')
    .values(keys.map((key) => ({ key, deleteAfter: sql<Date>`now() + make_interval(secs => ${seconds})` })))
    .execute();
}

/** Files whose writing failed or whose animal is gone: deleted by the next sweep. */
export async function deletePhotoFilesNow(db: Db, keys: readonly string[]): Promise<void> {
  await db
    .updateTable('photoFilesToDelete')
    .set({ deleteAfter: sql<Date>`now()` })
    .where('key', 'in', keys)
    .execute();
}

/**
 * Sets the animal's photo and keeps its files (releases their reservation), in one transaction; the trigger lists
 * the photo it replaces for deletion. Undefined: the animal is gone (its new files stay listed).
 */
export async function setAnimalPhoto(db: Db, animalId: string, photo: StoredPhoto): Promise<AnimalRow | undefined> {
  return db.transaction().execute(async (trx) => {
    const animal = await trx
      .updateTable('animals')
      .set({
        photoKey: photo.key,
        photoThumbnailKey: photo.thumbnailKey,
        photoWidth: photo.width,
        photoHeight: photo.height,
        photoContentType: photo.contentType,
        updatedAt: new Date(),
      })
      .where('id', '=', animalId)
      .returningAll()
      .executeTakeFirst();
    if (animal)
      await trx.deleteFrom('photoFilesToDelete').where('key', 'in', [photo.key, photo.thumbnailKey]).execute();
    return animal;
  });
}

/** Removes the animal's photo (the trigger lists its files for deletion); undefined when there is no such animal. */
export async function clearAnimalPhoto(db: Db, animalId: string): Promise<AnimalRow | undefined> {
  return db
    .updateTable('animals')
    .set({
      photoKey: null,
      photoThumbnailKey: null,
      photoWidth: null,
      photoHeight: null,
      photoContentType: null,
      updatedAt: new Date(),
    })
    .where('id', '=', animalId)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Takes up to `limit` files due for deletion, locked for the surrounding transaction; rows another replica holds
 * are skipped, so each file is handled by one sweeper at a time.
 */
export async function lockDuePhotoFiles(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('photoFilesToDelete')
    .select('key')
    .where('deleteAfter', '<=', sql<Date>`now()`)
    .orderBy('deleteAfter')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((row) => row.key);
}

export async function forgetPhotoFiles(db: Db, keys: readonly string[]): Promise<void> {
  if (keys.length) await db.deleteFrom('photoFilesToDelete').where('key', 'in', keys).execute();
}

/** The store refused: try these again after `seconds`. */
export async function postponePhotoFiles(db: Db, keys: readonly string[], seconds: number): Promise<void> {
  if (!keys.length) return;
  await db
    .updateTable('photoFilesToDelete')
    .set({ deleteAfter: sql<Date>`now() + make_interval(secs => ${seconds})` })
    .where('key', 'in', keys)
    .execute();
}
