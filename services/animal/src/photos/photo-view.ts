// An animal's photo as clients see it (the Photo type, and the upload route's answer): its columns, with the
// store's public URLs for its keys.
import type { AnimalRow } from '../db/schema';
import type { PhotoStore } from './photo-store';

export interface PhotoView {
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
  contentType: string;
}

type PhotoColumns = Pick<
  AnimalRow,
  'photoKey' | 'photoThumbnailKey' | 'photoWidth' | 'photoHeight' | 'photoContentType'
>;

export function photoOf(animal: PhotoColumns, store: PhotoStore): PhotoView | null {
  const { photoKey, photoThumbnailKey, photoWidth, photoHeight, photoContentType } = animal;
  // All five or none (a check constraint): the others are set whenever the key is.
  if (!photoKey) return null;
  return {
    url: store.publicUrl(photoKey),
    thumbnailUrl: store.publicUrl(photoThumbnailKey!),
    width: photoWidth!,
    height: photoHeight!,
    contentType: photoContentType!,
  };
}
