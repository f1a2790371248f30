// Photos as files under one directory (PHOTO_DIR), served by the animal service at GET /photos/files/<key>:
// development, and one machine (or replicas sharing the directory). Writes go to a temporary file renamed into
// place, so a reader never sees half a photo.
import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { isPhotoKey } from './photo-keys';
import type { PhotoStore } from './photo-store';

/** Where the disk store's files are served, under the service's public URL. */
export const PHOTO_FILES_PATH = '/photos/files';

export interface DiskPhotoStore extends PhotoStore {
  /** GET /photos/files/<key>: the file with immutable cache headers; 404 for anything that is not a stored photo. */
  serveFiles: RequestHandler;
}

export function createDiskPhotoStore(options: { directory: string; publicBaseUrl: string }): DiskPhotoStore {
  const root = path.resolve(options.directory);
  /** The file of a key; keys are checked against the one shape this service makes, so none leaves `root`. */
  const fileOf = (key: string) => {
    if (!isPhotoKey(key)) throw new Error(`Not a photo key: ${JSON.stringify(key)}`);
    return path.join(root, ...key.split('/'));
  };

  return {
    async put(key, bytes) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${randomUUID()}.tmp`;
      try {
        await writeFile(temporary, bytes, { flag: 'wx' });
        await rename(temporary, file);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async delete(keys) {
      await Promise.all(keys.map((key) => rm(fileOf(key), { force: true })));
    },
    publicUrl(key) {
      return `${options.publicBaseUrl}${PHOTO_FILES_PATH}/${key}`;
    },
    serveFiles(req, res, next) {
      // The path after /photos/files/, still percent-encoded: a key has nothing to decode, so anything encoded is not one.
      const key = req.path.replace(/^\//, '');
      if ((req.method !== 'GET' && req.method !== 'HEAD') || !isPhotoKey(key)) {
        res.status(404).json({ errors: [{ message: 'No such photo', extensions: { code: 'NOT_FOUND' } }] });
        return;
      }
      res.sendFile(
        key,
        {
          root,
          dotfiles: 'deny',
          // A key names one photo's bytes for ever (a new photo gets a new key).
          maxAge: '365d',
          immutable: true,
          headers: { 'x-content-type-options': 'nosniff' },
        },
        (error?: Error & { status?: number; statusCode?: number }) => {
          if (!error) return;
          if (res.headersSent) return next(error);
          if ((error.status ?? error.statusCode) === 404)
            res.status(404).json({ errors: [{ message: 'No such photo', extensions: { code: 'NOT_FOUND' } }] });
          else next(error);
        },
      );
    },
  };
}
