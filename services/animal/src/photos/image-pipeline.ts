// Turns uploaded bytes into a photo and its thumbnail, or refuses them: the bytes are checked (size, magic
// number, header dimensions) before anything is decoded, then re-encoded with sharp so nothing of the upload but
// its pixels is kept (no EXIF, GPS, XMP or ICC; orientation applied).
import sharp, { type Sharp } from 'sharp';
import {
  DEFAULT_PHOTO_LIMITS,
  PhotoRefused,
  type EncodedImage,
  type PhotoContentType,
  type PhotoLimits,
  type ProcessedPhoto,
} from './image-pipeline-types';

/**
 * Pipelines decoding at once in this process. A 20-megapixel image needs about 80 MB while it is decoded and
 * sharp runs on libuv's four-thread pool, so 20 simultaneous uploads wait their turn rather than take all memory
 * and every thread the file system and DNS need too. (sharp.concurrency, libvips' threads per image, stays at
 * its default, the number of CPUs: one image still decodes as fast as the machine allows.)
 */
export const MAX_CONCURRENT_PIPELINES = 2;

type ImageFormat = 'jpeg' | 'png' | 'webp';

const CONTENT_TYPES: Record<ImageFormat, PhotoContentType> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

const ENCODERS: Record<ImageFormat, (image: Sharp) => Sharp> = {
  jpeg: (image) => image.jpeg({ quality: 82, mozjpeg: true }),
  png: (image) => image.png({ compressionLevel: 9, palette: false }),
  webp: (image) => image.webp({ quality: 80 }),
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The format the bytes really are, from their magic number; whatever the client declared is not consulted. */
function detectFormat(bytes: Buffer): ImageFormat | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return undefined;
}

let sharpConfigured = false;

/** Once per process, on first use rather than at import: sharp's operation cache only costs memory on a server
 * that never sees the same input twice. */
function configureSharp(): void {
  if (sharpConfigured) return;
  sharp.cache(false);
  sharpConfigured = true;
}

let running = 0;
const waiting: (() => void)[] = [];

async function withPipelineSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_PIPELINES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next waiter, so `running` only drops when nobody waits.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** Reads width and height from the header only; nothing is decoded. */
async function readDimensions(bytes: Buffer, format: ImageFormat): Promise<{ width: number; height: number }> {
  let metadata;
  try {
    // No pixel limit here: the header is read, not the pixels, and the limit is checked below with a clearer message.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw refusalFromSharpError(error);
  }
  if (metadata.format !== format || !metadata.width || !metadata.height) {
    throw new PhotoRefused('corrupt', `The ${format.toUpperCase()} header could not be read.`);
  }
  return { width: metadata.width, height: metadata.height };
}

function refusalFromSharpError(error: unknown): PhotoRefused {
  const message = error instanceof Error ? error.message : String(error);
  const refusal = /exceeds pixel limit/i.test(message)
    ? new PhotoRefused('too-many-pixels', 'The image has more pixels than allowed.')
    : new PhotoRefused('corrupt', 'The image is truncated or corrupt and could not be decoded.');
  refusal.cause = error;
  return refusal;
}

/** A fresh decoder for the checked bytes: sharp refuses more pixels than allowed and any decoding error. */
function decode(bytes: Buffer, limits: PhotoLimits): Sharp {
  return sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'error' }).autoOrient();
}

async function encode(image: Sharp, format: ImageFormat): Promise<EncodedImage> {
  try {
    // sharp writes no EXIF, XMP, IPTC or ICC profile unless asked to (keepMetadata, withMetadata, keepExif…).
    const { data, info } = await ENCODERS[format](image).toBuffer({ resolveWithObject: true });
    return { bytes: data, contentType: CONTENT_TYPES[format], width: info.width, height: info.height };
  } catch (error) {
    throw refusalFromSharpError(error);
  }
}

/** Checks and re-encodes an uploaded photo; throws PhotoRefused, with the reason, for anything it will not store. */
export async function processPhoto(bytes: Buffer, limits: PhotoLimits = DEFAULT_PHOTO_LIMITS): Promise<ProcessedPhoto> {
  if (bytes.length > limits.maxBytes) {
    throw new PhotoRefused('too-large', `The image is ${bytes.length} bytes; at most ${limits.maxBytes} are accepted.`);
  }
  const format = detectFormat(bytes);
  if (!format) throw new PhotoRefused('not-an-image', 'Only JPEG, PNG and WebP images are accepted.');
  configureSharp();
  return withPipelineSlot(async () => {
    const { width, height } = await readDimensions(bytes, format);
    if (width * height > limits.maxPixels) {
      throw new PhotoRefused(
        'too-many-pixels',
        `The image is ${width} × ${height} pixels; at most ${limits.maxPixels} pixels are accepted.`,
      );
    }
    const photo = await encode(decode(bytes, limits), format);
    const { thumbnailSize } = limits;
    const thumbnail = await encode(
      decode(bytes, limits).resize(thumbnailSize, thumbnailSize, { fit: 'inside', withoutEnlargement: true }),
      format,
    );
    return { photo, thumbnail };
  });
}
