// Where processed photos live: one small interface, one file per implementation (disk-photo-store.ts for
// development and single-node deployments, s3-photo-store.ts for any S3-compatible object store). Keys are
// the service's own (e.g. `animals/<animalId>/<photoId>.webp`), never a client's file name.

export interface PhotoStore {
  /** Stores `bytes` under `key`, replacing nothing (keys are unique per photo). */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** Removes these keys; keys already gone are not an error (deletion is retried until it succeeds). */
  delete(keys: readonly string[]): Promise<void>;
  /** The URL clients fetch the photo from (served with immutable cache headers). */
  publicUrl(key: string): string;
}
