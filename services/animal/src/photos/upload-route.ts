// PUT /photos/uploads/:uploadId?expires=…&signature=… — where clients send a photo's bytes (never through the
// gateway, and without claims: the signed URL is the permission). Checks in order, answering
// `{ errors: [{ message, extensions: { code, reason } }] }` on a refusal:
//   403 a URL that is not one we signed (unknown upload, bad signature) or a content-type it was not issued for;
//   410 an expired or used URL; 413 a declared Content-Length over the URL's size;
// none of those uses the URL. Then the URL is used (once, atomically) and the body read, at most the URL's size:
//   413 more bytes; 415 not a JPEG, PNG or WebP; 422 too many pixels, truncated or undecodable;
// a refused body is stored nowhere, and the URL stays used (ask for another). Accepted: the photo and its
// thumbnail are stored under fresh keys, set on the animal (the old files are deleted), and 201 answers the photo.
// Any origin may upload from a browser (CORS): the URL, not the page, is the permission.
import express, { type Request, type Response, type Router } from 'express';
import type { Kysely } from 'kysely';
import { isUuid } from '@supergraph/db';
import type { Logger } from '@supergraph/runtime';
import {
  claimPhotoUpload,
  deletePhotoFilesNow,
  findPhotoUpload,
  reservePhotoFiles,
  setAnimalPhoto,
} from '../db/photos';
import type { Database, PhotoUploadRow } from '../db/schema';
import { processPhoto } from './image-pipeline';
import { DEFAULT_PHOTO_LIMITS, PhotoRefused, type PhotoRefusal } from './image-pipeline-types';
import { newPhotoKeys } from './photo-keys';
import type { PhotoStore } from './photo-store';
import type { PhotoSweeper } from './photo-sweeper';
import { photoOf } from './photo-view';
import type { UploadSigner } from './upload-signature';

export const PHOTO_UPLOADS_PATH = '/photos/uploads';

/** Files being written stay listed for deletion this long, should the process die before the animal refers to them. */
const RESERVATION_SECONDS = 15 * 60;

const REFUSAL_STATUS: Readonly<Record<PhotoRefusal, number>> = {
  'too-large': 413,
  'not-an-image': 415,
  'too-many-pixels': 422,
  corrupt: 422,
};

interface UploadRouteOptions {
  db: Kysely<Database>;
  store: PhotoStore;
  signer: UploadSigner;
  sweeper: PhotoSweeper;
  now: () => Date;
  logger: Logger;
}

type Code = 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'INTERNAL_SERVER_ERROR';

function refuse(res: Response, status: number, code: Code, reason: string, message: string, closeConnection = false) {
  // A refusal before the body was read closes the connection rather than reading (and discarding) the rest.
  if (closeConnection) res.set('connection', 'close');
  res.status(status).json({
    errors: [{ message, extensions: { code, reason, ...(code === 'BAD_USER_INPUT' && { field: 'body' }) } }],
  });
}

/** The media type of a Content-Type header, without parameters, lower case. */
const mediaTypeOf = (header: string | undefined) => header?.split(';')[0]?.trim().toLowerCase() ?? '';

/** The body, at most `limit` bytes; inflating a compressed body is refused (a decompression bomb's other door). */
function readBody(req: Request, res: Response, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    express.raw({ type: () => true, limit, inflate: false })(req, res, (error?: unknown) => {
      if (error) reject(error as Error);
      else resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    });
  });
}

export function createUploadRoute(options: UploadRouteOptions): Router {
  const { db, store, signer, sweeper, now, logger } = options;

  /** The grant this URL was signed for and when the URL expires (the earlier of its signed expiry and the grant's). */
  async function grantOf(req: Request): Promise<{ grant: PhotoUploadRow; expiresAt: Date } | undefined> {
    const { expires, signature } = req.query;
    const uploadId = String(req.params.uploadId ?? '');
    if (typeof expires !== 'string' || !/^\d{1,12}$/.test(expires)) return undefined;
    if (typeof signature !== 'string' || !/^[A-Za-z0-9_-]{1,100}$/.test(signature)) return undefined;
    if (!isUuid(uploadId)) return undefined;
    const grant = await findPhotoUpload(db, uploadId);
    if (!grant) return undefined;
    const { id, animalId, contentType, maxBytes } = grant;
    if (!signer.verify({ id, animalId, contentType, maxBytes, expires: Number(expires) }, signature)) return undefined;
    return { grant, expiresAt: new Date(Math.min(Number(expires) * 1000, grant.expiresAt.getTime())) };
  }

  async function upload(req: Request, res: Response): Promise<void> {
    const signed = await grantOf(req);
    if (!signed) {
      refuse(res, 403, 'FORBIDDEN', 'invalid-url', 'This is not a valid upload URL', true);
      return;
    }
    const { grant, expiresAt } = signed;
    const expired = () => expiresAt.getTime() <= now().getTime();
    if (grant.usedAt || expired()) {
      const reason = grant.usedAt ? 'used' : 'expired';
      refuse(res, 410, 'FORBIDDEN', reason, `This upload URL was already ${reason}; request another`, true);
      return;
    }
    if (mediaTypeOf(req.header('content-type')) !== grant.contentType) {
      refuse(
        res,
        403,
        'FORBIDDEN',
        'content-type',
        `This upload URL is for content-type ${grant.contentType}; send that header`,
        true,
      );
      return;
    }
    const declared = req.header('content-length');
    if (declared !== undefined && Number(declared) > grant.maxBytes) {
      refuse(res, 413, 'BAD_USER_INPUT', 'too-large', `This upload URL accepts at most ${grant.maxBytes} bytes`, true);
      return;
    }
    const claimed = await claimPhotoUpload(db, grant.id, now());
    if (!claimed) {
      // Used (or expired) by a request racing with this one.
      const reason = expired() ? 'expired' : 'used';
      refuse(res, 410, 'FORBIDDEN', reason, `This upload URL was already ${reason}; request another`, true);
      return;
    }

    let bytes: Buffer;
    try {
      bytes = await readBody(req, res, Math.min(grant.maxBytes, DEFAULT_PHOTO_LIMITS.maxBytes));
    } catch (error) {
      const { type } = error as { type?: string };
      if (type === 'entity.too.large')
        refuse(
          res,
          413,
          'BAD_USER_INPUT',
          'too-large',
          `This upload URL accepts at most ${grant.maxBytes} bytes`,
          true,
        );
      else if (type === 'encoding.unsupported')
        refuse(res, 415, 'BAD_USER_INPUT', 'content-encoding', 'Send the bytes as they are, without content-encoding');
      else throw error;
      return;
    }

    let processed;
    try {
      processed = await processPhoto(bytes, { ...DEFAULT_PHOTO_LIMITS, maxBytes: grant.maxBytes });
    } catch (error) {
      if (!(error instanceof PhotoRefused)) throw error;
      refuse(res, REFUSAL_STATUS[error.reason], 'BAD_USER_INPUT', error.reason, error.message);
      return;
    }

    const { photo, thumbnail } = processed;
    const keys = newPhotoKeys(grant.animalId, photo.contentType);
    const files = [keys.key, keys.thumbnailKey];
    await reservePhotoFiles(db, files, RESERVATION_SECONDS);
    let animal;
    try {
      await Promise.all([
        store.put(keys.key, photo.bytes, photo.contentType),
        store.put(keys.thumbnailKey, thumbnail.bytes, thumbnail.contentType),
      ]);
      animal = await setAnimalPhoto(db, grant.animalId, {
        ...keys,
        width: photo.width,
        height: photo.height,
        contentType: photo.contentType,
      });
    } catch (error) {
      await deletePhotoFilesNow(db, files).catch(() => undefined);
      void sweeper.sweep();
      throw error;
    }
    if (!animal) {
      await deletePhotoFilesNow(db, files);
      await sweeper.sweep();
      refuse(res, 404, 'NOT_FOUND', 'animal-deleted', 'The animal was deleted');
      return;
    }
    // The photo it replaced, if any, is listed now: deleted before the client hears of the new one.
    await sweeper.sweep();
    res.status(201).json(photoOf(animal, store));
  }

  const router = express.Router();
  // A web page on any origin may upload: the signed URL is the permission, not the origin (no cookies involved).
  router.use((req, res, next) => {
    res.set('access-control-allow-origin', '*');
    if (req.method !== 'OPTIONS') return next();
    res
      .set({
        'access-control-allow-methods': 'PUT',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
      })
      .status(204)
      .end();
  });
  router.put('/:uploadId', async (req, res) => {
    try {
      await upload(req, res);
    } catch (error) {
      logger.error({ err: error }, 'photo upload failed');
      if (!res.headersSent)
        refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'internal', 'The upload failed; request another URL and try again');
    }
  });
  router.all('/:uploadId', (_req, res) => {
    res.set('allow', 'PUT');
    refuse(res, 405, 'BAD_USER_INPUT', 'method', 'Send the photo with PUT');
  });
  return router;
}
