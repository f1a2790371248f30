// PLACEHOLDER until the image pipeline of issue #18 lands (its own branch replaces this file): enough of
// processPhoto for the upload route and its tests — size and pixel checks from the header, orientation applied,
// re-encoded in the format the bytes are (metadata dropped), and a thumbnail.
import sharp from 'sharp';
import {
  PhotoRefused,
  type EncodedImage,
  type PhotoContentType,
  type PhotoLimits,
  type ProcessedPhoto,
} from './image-pipeline-types';

const CONTENT_TYPES: Readonly<Record<string, PhotoContentType>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

async function encode(image: sharp.Sharp, contentType: PhotoContentType): Promise<EncodedImage> {
  const formatted =
    contentType === 'image/jpeg' ? image.jpeg() : contentType === 'image/png' ? image.png() : image.webp();
  const { data, info } = await formatted.toBuffer({ resolveWithObject: true });
  return { bytes: data, contentType, width: info.width, height: info.height };
}

export async function processPhoto(bytes: Buffer, limits: PhotoLimits): Promise<ProcessedPhoto> {
  if (bytes.length > limits.maxBytes) throw new PhotoRefused('too-large', `The photo is over ${limits.maxBytes} bytes`);
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(bytes).metadata();
  } catch {
    throw new PhotoRefused('not-an-image', 'The bytes are not a JPEG, PNG or WebP image');
  }
  const contentType = metadata.format && CONTENT_TYPES[metadata.format];
  if (!contentType) throw new PhotoRefused('not-an-image', 'The bytes are not a JPEG, PNG or WebP image');
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > limits.maxPixels)
    throw new PhotoRefused('too-many-pixels', `The photo is over ${limits.maxPixels} pixels`);
  const decode = () => sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'truncated' }).rotate();
  try {
    const photo = await encode(decode(), contentType);
    const thumbnail = await encode(
      decode().resize(limits.thumbnailSize, limits.thumbnailSize, { fit: 'inside', withoutEnlargement: true }),
      contentType,
    );
    return { photo, thumbnail };
  } catch {
    throw new PhotoRefused('corrupt', 'The image is truncated or cannot be decoded');
  }
}
