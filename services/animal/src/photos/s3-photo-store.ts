// STUB until the S3 photo store of issue #18 lands (its own branch replaces this file): same export, not built.
import type { PhotoStore } from './photo-store';

export interface S3PhotoStoreOptions {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
  publicBaseUrl: string;
}

export function createS3PhotoStore(_options: S3PhotoStoreOptions): PhotoStore {
  throw new Error('The S3 photo store is not built yet (PHOTO_STORE=s3)');
}
