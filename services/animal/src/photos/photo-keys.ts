// The photo store's keys: chosen by the service, never by a client — `animals/<animalId>/<photoId>.<ext>` and
// `…-thumb.<ext>` beside it, fresh for every upload, so a URL's bytes never change and can be cached for good.
import { randomUUID } from 'node:crypto';
import type { PhotoContentType } from './image-pipeline-types';

export const EXTENSIONS: Readonly<Record<PhotoContentType, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const KEY = new RegExp(`^animals/${UUID}/${UUID}(-thumb)?\\.(jpg|png|webp)$`);

/** Whether `key` is one this service makes (anything else — `..`, slashes, other names — is not a photo). */
export const isPhotoKey = (key: string): boolean => KEY.test(key);

/** The keys of a new photo of `animalId` and of its thumbnail. */
export function newPhotoKeys(animalId: string, contentType: PhotoContentType): { key: string; thumbnailKey: string } {
  const base = `animals/${animalId.toLowerCase()}/${randomUUID()}`;
  const extension = EXTENSIONS[contentType];
  return { key: `${base}.${extension}`, thumbnailKey: `${base}-thumb.${extension}` };
}
