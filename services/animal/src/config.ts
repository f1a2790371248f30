// The animal service's own settings, read from the environment on top of the base every subgraph shares
// (@supergraph/subgraph service-config.ts): where photos are stored and served, and the key of upload URLs.
import path from 'node:path';
import {
  ConfigError,
  flag,
  httpUrl,
  nodeEnv,
  parseConfig,
  requireInProduction,
  resolveSecrets,
  z,
} from '@supergraph/config';

/** Development only, and public: production refuses to start with it. */
export const DEVELOPMENT_PHOTO_UPLOAD_SECRET = 'development-only-photo-upload-secret-not-for-production';

/** The repository's root (this file is services/animal/{src,dist}/config). */
const ROOT = path.resolve(__dirname, '../../..');

/** Where the processed photos go: files on this machine, or an S3-compatible bucket. */
export type PhotoStoreSettings =
  | { kind: 'disk'; directory: string }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      endpoint?: string;
      accessKeyId?: string;
      secretAccessKey?: string;
      forcePathStyle: boolean;
      /** The base URL clients fetch the bucket's objects from. */
      publicBaseUrl: string;
    };

export interface PhotoSettings {
  /** Keys the HMAC of upload URLs. */
  uploadSecret: string;
  /** The base URL clients reach this service's /photos routes at (upload URLs, and disk-stored files). */
  publicUrl: string;
  store: PhotoStoreSettings;
}

export interface AnimalSettings {
  photos: PhotoSettings;
}

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

const variables = z.object({
  NODE_ENV: nodeEnv,
  PHOTO_STORE: z.enum(['disk', 's3'], { error: 'must be disk or s3' }).default('disk'),
  PHOTO_DIR: z.string().optional(),
  PHOTOS_PUBLIC_URL: httpUrl.optional(),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ENDPOINT: httpUrl.optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: flag(false),
  S3_PUBLIC_URL: httpUrl.optional(),
});

export function loadSettings(env: Record<string, string | undefined>): AnimalSettings {
  const config = parseConfig(variables, env);
  const production = config.NODE_ENV === 'production';
  const { PHOTO_UPLOAD_SECRET } = resolveSecrets(env, production, {
    PHOTO_UPLOAD_SECRET: DEVELOPMENT_PHOTO_UPLOAD_SECRET,
  });
  // Development serves photos from the animal service's default port and keeps them with the rest of .data/;
  // production says where (several replicas need a shared directory, or S3).
  requireInProduction(production, {
    PHOTOS_PUBLIC_URL: config.PHOTOS_PUBLIC_URL,
    ...(config.PHOTO_STORE === 'disk' && { PHOTO_DIR: config.PHOTO_DIR }),
  });
  const store = storeSettings(config);
  return {
    photos: {
      uploadSecret: PHOTO_UPLOAD_SECRET,
      publicUrl: withoutTrailingSlash(config.PHOTOS_PUBLIC_URL ?? 'http://localhost:4003'),
      store,
    },
  };
}

function storeSettings(config: z.infer<typeof variables>): PhotoStoreSettings {
  if (config.PHOTO_STORE === 'disk')
    return { kind: 'disk', directory: path.resolve(ROOT, config.PHOTO_DIR ?? '.data/photos') };
  const missing = [
    !config.S3_BUCKET && '  S3_BUCKET: required when PHOTO_STORE=s3',
    !config.S3_PUBLIC_URL && '  S3_PUBLIC_URL: required when PHOTO_STORE=s3 (the base URL clients fetch photos from)',
    Boolean(config.S3_ACCESS_KEY_ID) !== Boolean(config.S3_SECRET_ACCESS_KEY) &&
      '  S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both, or neither (the AWS SDK then finds credentials itself)',
  ].filter(Boolean);
  if (missing.length) throw new ConfigError(`Invalid configuration:\n${missing.join('\n')}`);
  return {
    kind: 's3',
    bucket: config.S3_BUCKET!,
    region: config.S3_REGION,
    ...(config.S3_ENDPOINT && { endpoint: config.S3_ENDPOINT }),
    ...(config.S3_ACCESS_KEY_ID && { accessKeyId: config.S3_ACCESS_KEY_ID }),
    ...(config.S3_SECRET_ACCESS_KEY && { secretAccessKey: config.S3_SECRET_ACCESS_KEY }),
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    publicBaseUrl: withoutTrailingSlash(config.S3_PUBLIC_URL!),
  };
}
