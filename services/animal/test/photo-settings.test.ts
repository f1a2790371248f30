// The animal service's photo settings: development defaults that work with `npm start`, and a production that
// refuses to start without its own upload secret, public URL and storage.
import path from 'node:path';
import { DEVELOPMENT_PHOTO_UPLOAD_SECRET, loadSettings } from '../src/config';

const ROOT = path.resolve(__dirname, '../../..');
const PRODUCTION = {
  NODE_ENV: 'production',
  PHOTO_UPLOAD_SECRET: 'a-real-secret-from-the-vault-0123456789',
  PHOTOS_PUBLIC_URL: 'https://animal.example.com/',
  PHOTO_DIR: '/var/lib/photos',
};

it('keeps photos under .data/photos and serves them from the animal service’s port in development', () => {
  expect(loadSettings({ NODE_ENV: 'development' }).photos).toEqual({
    uploadSecret: DEVELOPMENT_PHOTO_UPLOAD_SECRET,
    publicUrl: 'http://localhost:4003',
    store: { kind: 'disk', directory: path.join(ROOT, '.data/photos') },
  });
});

it('requires the upload secret, the public URL and the photo directory in production', () => {
  expect(loadSettings(PRODUCTION).photos).toEqual({
    uploadSecret: PRODUCTION.PHOTO_UPLOAD_SECRET,
    publicUrl: 'https://animal.example.com',
    store: { kind: 'disk', directory: '/var/lib/photos' },
  });
  for (const variable of ['PHOTO_UPLOAD_SECRET', 'PHOTOS_PUBLIC_URL', 'PHOTO_DIR'])
    expect(() => loadSettings({ ...PRODUCTION, [variable]: undefined })).toThrow(new RegExp(variable));
  expect(() => loadSettings({ ...PRODUCTION, PHOTO_UPLOAD_SECRET: DEVELOPMENT_PHOTO_UPLOAD_SECRET })).toThrow(
    /PHOTO_UPLOAD_SECRET: must be set in production/,
  );
});

it('reads the S3 settings when PHOTO_STORE=s3, and names what is missing', () => {
  const s3 = {
    ...PRODUCTION,
    PHOTO_DIR: undefined,
    PHOTO_STORE: 's3',
    S3_BUCKET: 'photos',
    S3_ENDPOINT: 'http://minio:9000',
    S3_ACCESS_KEY_ID: 'minio',
    S3_SECRET_ACCESS_KEY: 'minio-secret',
    S3_FORCE_PATH_STYLE: 'true',
    S3_PUBLIC_URL: 'http://localhost:9000/photos/',
  };
  expect(loadSettings(s3).photos.store).toEqual({
    kind: 's3',
    bucket: 'photos',
    region: 'us-east-1',
    endpoint: 'http://minio:9000',
    accessKeyId: 'minio',
    secretAccessKey: 'minio-secret',
    forcePathStyle: true,
    publicBaseUrl: 'http://localhost:9000/photos',
  });
  expect(() => loadSettings({ ...s3, S3_BUCKET: undefined, S3_PUBLIC_URL: undefined })).toThrow(
    /S3_BUCKET: required[\s\S]*S3_PUBLIC_URL: required/,
  );
  expect(() => loadSettings({ ...s3, S3_SECRET_ACCESS_KEY: undefined })).toThrow(/set both, or neither/);
  expect(() => loadSettings({ ...s3, PHOTO_STORE: 'ftp' })).toThrow(/PHOTO_STORE: must be disk or s3/);
});
