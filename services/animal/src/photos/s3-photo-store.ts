// Processed photos in any S3-compatible object store (AWS S3, MinIO, R2, …), served to clients straight from
// the bucket's public base URL. Only the service writes here, after validating and re-encoding the bytes.
import { DeleteObjectsCommand, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { PhotoStore } from './photo-store';

export interface S3PhotoStoreOptions {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint (e.g. `http://minio:9000`); unset: AWS S3 of `region`. */
  endpoint?: string;
  /** Both or neither; neither: the SDK's default chain (environment, shared files, IAM roles). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `http://host/bucket/key` instead of `http://bucket.host/key` (MinIO and most self-hosted stores). */
  forcePathStyle?: boolean;
  /** Where clients read the bucket, without a trailing slash (e.g. `https://photos.example.org`). */
  publicBaseUrl: string;
}

/** Keys are unique per photo, so a stored object never changes and caches may keep it for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** DeleteObjects takes at most this many keys per request. */
const DELETE_BATCH = 1000;

export function createS3PhotoStore(options: S3PhotoStoreOptions): PhotoStore & { close(): void } {
  if (Boolean(options.accessKeyId) !== Boolean(options.secretAccessKey))
    throw new Error('S3 credentials: give both the access key id and the secret access key, or neither');
  const config: S3ClientConfig = {
    region: options.region,
    ...(options.endpoint && { endpoint: options.endpoint }),
    forcePathStyle: options.forcePathStyle ?? false,
    ...(options.accessKeyId &&
      options.secretAccessKey && {
        credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      }),
    // Retried with the SDK's backoff (throttling, 5xx, network errors); a stuck store fails the request in
    // bounded time instead of holding an upload open.
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 30_000, throwOnRequestTimeout: true },
    // The SDK's default adds CRC32 checksums to every request, which several S3-compatible stores refuse;
    // only the requests S3 requires one for (DeleteObjects) carry it.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
  const client = new S3Client(config);
  const baseUrl = options.publicBaseUrl.replace(/\/+$/, '');

  return {
    async put(key, bytes, contentType) {
      await client.send(
        new PutObjectCommand({
          Bucket: options.bucket,
          Key: key,
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.length,
          CacheControl: IMMUTABLE,
        }),
      );
    },

    async delete(keys) {
      const unique = [...new Set(keys)];
      for (let start = 0; start < unique.length; start += DELETE_BATCH) {
        const batch = unique.slice(start, start + DELETE_BATCH);
        const result = await client.send(
          new DeleteObjectsCommand({
            Bucket: options.bucket,
            Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
          }),
        );
        // A 200 answer can still refuse some keys (AccessDenied, InternalError, …): those are failures the
        // caller retries. A key already gone is not one (S3 reports it deleted; some stores say NoSuchKey).
        const failures = (result.Errors ?? []).filter((error) => error.Code !== 'NoSuchKey');
        if (failures.length > 0) {
          const listed = failures.map((error) => `${error.Key}: ${error.Code} ${error.Message ?? ''}`.trim());
          throw new Error(`S3 refused to delete ${failures.length} photo object(s): ${listed.join('; ')}`);
        }
      }
    },

    publicUrl(key) {
      return `${baseUrl}/${key.split('/').map(encodeURIComponent).join('/')}`;
    },

    close() {
      client.destroy();
    },
  };
}
