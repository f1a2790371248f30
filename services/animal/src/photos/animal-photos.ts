// Everything photos need, built once per server from the service's settings: the store (disk or S3), the
// grants that requestAnimalPhotoUpload hands out, the /photos routes and the sweeper that deletes old files.
import express, { type Router } from 'express';
import type { Kysely } from 'kysely';
import type { Logger } from '@supergraph/runtime';
import type { PhotoSettings } from '../config';
import { insertPhotoUpload } from '../db/photos';
import type { Database } from '../db/schema';
import { createDiskPhotoStore, PHOTO_FILES_PATH } from './disk-photo-store';
import type { PhotoContentType } from './image-pipeline-types';
import type { PhotoStore } from './photo-store';
import { createPhotoSweeper, type PhotoSweeper } from './photo-sweeper';
import { createS3PhotoStore } from './s3-photo-store';
import { createUploadRoute, PHOTO_UPLOADS_PATH } from './upload-route';
import { createUploadSigner } from './upload-signature';

/** How long an upload URL works. */
export const UPLOAD_URL_LIFETIME_MS = 10 * 60 * 1000;

export interface PhotoUploadGrant {
  uploadUrl: string;
  headers: { name: string; value: string }[];
  expiresAt: Date;
}

export interface AnimalPhotos {
  store: PhotoStore;
  sweeper: PhotoSweeper;
  /** Records a single-use grant to upload one photo of the animal, and signs its URL. */
  grantUpload(upload: {
    animalId: string;
    requestedBy: string;
    contentType: PhotoContentType;
    maxBytes: number;
  }): Promise<PhotoUploadGrant>;
  /** PUT /photos/uploads/:id, and GET /photos/files/<key> when the files are on disk. */
  routes: Router;
}

export function createAnimalPhotos(options: {
  db: Kysely<Database>;
  settings: PhotoSettings;
  now: () => Date;
  logger: Logger;
}): AnimalPhotos {
  const { db, settings, now, logger } = options;
  const disk =
    settings.store.kind === 'disk'
      ? createDiskPhotoStore({ directory: settings.store.directory, publicBaseUrl: settings.publicUrl })
      : undefined;
  const store = disk ?? createS3PhotoStore(settings.store as Exclude<PhotoSettings['store'], { kind: 'disk' }>);
  const signer = createUploadSigner(settings.uploadSecret);
  const sweeper = createPhotoSweeper({ db, store, logger, now });

  const routes = express.Router();
  routes.use(PHOTO_UPLOADS_PATH, createUploadRoute({ db, store, signer, sweeper, now, logger }));
  if (disk) routes.use(PHOTO_FILES_PATH, disk.serveFiles);

  return {
    store,
    sweeper,
    routes,
    async grantUpload({ animalId, requestedBy, contentType, maxBytes }) {
      // Whole seconds: the URL carries its expiry as Unix seconds, and the grant expires at the same instant.
      const expires = Math.floor((now().getTime() + UPLOAD_URL_LIFETIME_MS) / 1000);
      const expiresAt = new Date(expires * 1000);
      const grant = await insertPhotoUpload(db, { animalId, requestedBy, contentType, maxBytes, expiresAt });
      const signature = signer.sign({ id: grant.id, animalId, contentType, maxBytes, expires });
      const query = new URLSearchParams({ expires: String(expires), signature });
      return {
        uploadUrl: `${settings.publicUrl}${PHOTO_UPLOADS_PATH}/${grant.id}?${query}`,
        headers: [{ name: 'content-type', value: contentType }],
        expiresAt,
      };
    },
  };
}
